"""The Arabic-first pre-annotator: raw article in, draft ``Document`` out.

One concern per module: ``source`` (reading text/HTML), ``boilerplate`` (page furniture),
``segment`` (sentences, tokens), ``forms`` (Arabic name forms: nisba, construct state),
``gazetteer`` (registry + thesaurus matching), ``dates``, ``roles`` (titles and people),
``frames`` (events, mechanisms, agreements introduced by the article), ``relations``
(cue patterns), ``draft`` (assembling a valid document) and ``pipeline`` (the entry points).
"""

from mskg.annotate.pipeline import annotate_path, annotate_text

__all__ = ["annotate_path", "annotate_text"]
