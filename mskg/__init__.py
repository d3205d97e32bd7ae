"""mskg: a knowledge graph of security cooperation in the Maghreb and the Euro-Mediterranean."""

__version__ = "0.1.0"
