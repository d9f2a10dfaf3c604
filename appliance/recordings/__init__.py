"""Call recordings: Opus-compressed, chunked AEAD files, linked to calls; quota and retention."""
