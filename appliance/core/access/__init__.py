"""Who may use the box: logins and sessions, passwords, paired desks, the pairing protocol."""
