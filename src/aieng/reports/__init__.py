"""Reports: one HTML report builder and one plot style, shared by every month.

Importing this package has no side effects: it neither imports ``pyplot`` nor changes
``matplotlib.rcParams``; templates are loaded on the first render.
"""

from aieng.reports.builder import Report, Section
from aieng.reports.portfolio import PortfolioEntry, write_portfolio
from aieng.reports.style import PALETTE, format_number, new_figure, style_axes, style_context

__all__ = [
    "PALETTE",
    "PortfolioEntry",
    "Report",
    "Section",
    "format_number",
    "new_figure",
    "style_axes",
    "style_context",
    "write_portfolio",
]
