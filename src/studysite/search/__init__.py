"""Search that works for Japanese (index rewriting at build time)."""
