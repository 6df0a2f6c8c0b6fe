"""Staff tools: who counts as staff, the reports they read, and the admin commands they run."""
