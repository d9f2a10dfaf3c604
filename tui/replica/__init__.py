"""The desk's encrypted replica of the box, without Textual: the store, its keys at rest, its
search, keeping it in step, and the read-only desk that reads it while the box is away."""
