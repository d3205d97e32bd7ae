"""The model: OWL ontology, SKOS threat domains, SHACL shapes and the registry of known entities.

The Turtle and YAML files beside this module are the source of truth; ``model`` and
``registry`` read them, and everything else asks these two modules.
"""

from mskg.ontology.model import OntClass, Ontology, OntProperty, load_ontology
from mskg.ontology.registry import Registry, RegistryEntity, load_registry

__all__ = [
    "OntClass",
    "OntProperty",
    "Ontology",
    "Registry",
    "RegistryEntity",
    "load_ontology",
    "load_registry",
]
