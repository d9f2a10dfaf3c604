"""Full screens of the desk (home, first run, login, customer card, boards)."""
