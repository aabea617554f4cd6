"""Saved web pages: the article's text and the page's facts about itself.

:func:`read_page` (in :mod:`.page`) is the API; :mod:`.extract` wraps trafilatura and reads what
it leaves out from the page's tree; :mod:`.jsonld` reads schema.org data.
"""

from kinolog.db.importers.reviews.web.page import WebPage, html_from_mhtml, read_page

__all__ = ["WebPage", "html_from_mhtml", "read_page"]
