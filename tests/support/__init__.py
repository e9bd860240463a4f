"""Helpers shared by the test suite and the benchmarks: project copies, builds, a served site in Chromium."""
