"""newsledger: a sourced ledger of conflict and diplomacy news.

>>> import newsledger
>>> ledger = newsledger.read("article.txt")       # or a folder, a glob, or the text itself
>>> ledger.articles[0].headline
"""

from newsledger.api import read
from newsledger.model import Article, Ledger
from newsledger.readers import ReadError

__version__ = "0.1.0"
__all__ = ["Article", "Ledger", "ReadError", "__version__", "read"]
