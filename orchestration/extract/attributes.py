"""Measure, of, status, period and indicator of a mention in its sentence. [owner: attributes]

`classify(text, sentence_start, sentence_end, mention, layout, previous) -> Attributes`
where `previous` are the figures already classified in the same sentence (a growth,
share or rank that follows an amount inherits its indicator).
"""
