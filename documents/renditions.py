"""The named renditions, the only sizes the API serves.

The frontend cannot ask for arbitrary sizes, so nobody can make the server render
thousands of variants; lists prefetch exactly these specs.
"""

# name -> (filter spec, specs for srcSet)
RENDITIONS = {
    "CARD": ("fill-640x400|format-webp", ("fill-320x200|format-webp", "fill-640x400|format-webp")),
    "HERO": ("width-1600|format-webp", ("width-800|format-webp", "width-1200|format-webp", "width-1600|format-webp")),
    "FACEBOOK": ("fill-1200x630|format-jpeg", ()),
    "NEWSLETTER": ("width-600|format-jpeg", ()),
}

ALL_SPECS = sorted({spec for main, extra in RENDITIONS.values() for spec in (main, *extra)})
