"""The app's screens: the main game screen, help, skill details, the map picker, a confirmation dialog."""
