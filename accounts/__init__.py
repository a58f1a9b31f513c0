"""Who may do what: the secretariat's roles as groups, and what a locked-out login is told."""
