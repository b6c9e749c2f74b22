"""The local web app (``newsledger serve``) and the self-contained report (``newsledger report``).

``app`` builds the Starlette application over a store opened read-only; ``pages`` gathers each page's
records with the store's queries; ``annotate`` cuts an article into highlighted runs; ``worldmap``
draws the map as SVG from the shipped Natural Earth outlines; ``links`` decides what may be a link.
"""
