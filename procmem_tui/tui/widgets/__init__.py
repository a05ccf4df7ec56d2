"""The app's widgets, one a file. They show values handed to them and post messages; no game logic."""
