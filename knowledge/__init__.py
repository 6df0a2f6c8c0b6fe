"""The curated knowledge base shipped with credbot, and the code that loads and checks it."""

from pathlib import Path

BUNDLED_DIR = Path(__file__).resolve().parent
