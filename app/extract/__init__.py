"""Reading incentives, metrics and policies out of normalised article text; pure functions only."""
