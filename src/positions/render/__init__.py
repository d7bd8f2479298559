"""Renderers: each turns a view into something to show, and never prints."""
