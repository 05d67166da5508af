"""Sample scans of a fictional dossier, opened from the welcome screen."""
