"""Demo content built only from public facts (shared/seed and domain.md §5)."""
