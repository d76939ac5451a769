"""Custom integrations; this folder is what HACS installs into Home Assistant."""
