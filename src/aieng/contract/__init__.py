"""The data contract: what a valid row is, for every month that reads, trains on or serves data.

Month 6's pipeline checks its table against a contract before training; month 10 builds its
request schema from the same contract; monitoring and the fairness audit read it too. One
description, declared once in the config, travelling with the model in its metadata.

- :mod:`aieng.contract.rules`: one column's rule, read from and written to TOML;
- :mod:`aieng.contract.checks`: a table checked against the rules, one failure per cell;
- :mod:`aieng.contract.model`: :class:`Contract` and :class:`ContractViolation`;
- :mod:`aieng.contract.draft`: a first contract drafted from a table you trust;
- :mod:`aieng.contract.report`: the contract's section of a report.
"""

from aieng.contract.checks import FAILURE_COLUMNS
from aieng.contract.draft import draft_contract
from aieng.contract.model import Contract, ContractViolation
from aieng.contract.rules import TYPES, ColumnRule, ColumnType

__all__ = [
    "FAILURE_COLUMNS",
    "TYPES",
    "ColumnRule",
    "ColumnType",
    "Contract",
    "ContractViolation",
    "draft_contract",
]
