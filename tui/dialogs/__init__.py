"""Modal dialogs of the desk (pop, stale edit, note, order, callback, search, reminder)."""
