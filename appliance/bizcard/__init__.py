"""Business cards: read a scanned or photographed card offline (Tesseract) into card fields."""
