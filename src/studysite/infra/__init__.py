"""What every part of the package stands on: the located problem, reading the project's text files, fonts
on this machine, and Debian's Chromium with its closed network and local server. Imports nothing above."""
