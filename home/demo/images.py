"""Simple illustrations for the demo content, drawn with Pillow.

They are plainly drawings (flat shapes and the word "Illustration" in the corner),
never photos of real places, so nobody takes them for pictures of Randers. The
output is byte-for-byte the same on every run (Pillow's bundled font, no
timestamps in PNG), so loading the demo twice stores the same files.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 1000
CREDIT = "Illustration"


@dataclass(frozen=True)
class Illustration:
    key: str  # stable: the image's title is made from it
    subject: str  # what it shows, in Danish, for the title
    alt_text: str  # Danish alt text that says it is a drawing
    motif: str  # "blocks", "sun", "people", "leaf", "calendar" or "paper"
    colour: tuple[int, int, int]


def illustration_png(illustration: Illustration) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), illustration.colour)
    draw = ImageDraw.Draw(image)
    _MOTIFS[illustration.motif](draw)
    font = ImageFont.load_default(size=44)
    draw.rectangle((40, HEIGHT - 110, 420, HEIGHT - 40), fill=(255, 255, 255))
    draw.text((60, HEIGHT - 100), CREDIT, fill=(40, 40, 40), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _blocks(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 760, WIDTH, HEIGHT), fill=(120, 170, 110))
    for i, (x, height) in enumerate([(160, 420), (480, 520), (820, 380), (1140, 470)]):
        draw.rectangle((x, 760 - height, x + 260, 760), fill=(235, 225, 205) if i % 2 else (215, 200, 180))
        for row in range(760 - height + 40, 740, 80):
            for col in range(x + 30, x + 230, 70):
                draw.rectangle((col, row, col + 40, row + 45), fill=(90, 120, 160))
    for x in (120, 760, 1460):
        draw.ellipse((x - 60, 620, x + 60, 740), fill=(70, 130, 80))


def _sun(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((1100, 120, 1400, 420), fill=(250, 210, 80))
    draw.rectangle((0, 700, WIDTH, HEIGHT), fill=(110, 160, 100))
    draw.polygon([(300, 700), (500, 420), (700, 700)], fill=(200, 90, 60))


def _people(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 780, WIDTH, HEIGHT), fill=(200, 190, 170))
    for i, x in enumerate(range(220, 1400, 240)):
        colour = [(220, 100, 90), (90, 140, 200), (240, 180, 70), (120, 180, 120), (160, 110, 190)][i % 5]
        draw.ellipse((x - 50, 420, x + 50, 520), fill=(240, 210, 180))
        draw.rounded_rectangle((x - 80, 540, x + 80, 780), radius=40, fill=colour)


def _leaf(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((450, 200, 1150, 800), fill=(90, 160, 90))
    draw.line((480, 780, 1120, 220), fill=(50, 110, 60), width=14)


def _calendar(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((450, 180, 1150, 820), radius=30, fill=(255, 255, 255))
    draw.rectangle((450, 180, 1150, 320), fill=(200, 70, 60))
    for row in range(3):
        for col in range(5):
            x, y = 500 + col * 125, 370 + row * 140
            draw.rectangle((x, y, x + 90, y + 100), fill=(230, 230, 230) if (row, col) != (1, 2) else (250, 200, 60))


def _paper(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((520, 140, 1080, 860), fill=(255, 255, 255))
    for y in range(240, 800, 60):
        draw.line((580, y, 1020, y), fill=(180, 180, 180), width=10)


_MOTIFS = {
    "blocks": _blocks,
    "sun": _sun,
    "people": _people,
    "leaf": _leaf,
    "calendar": _calendar,
    "paper": _paper,
}
