"""What the database keeps for the ranking (migration 0011's tables, written by triggers) against what
the incentives themselves say, read as the calculator read every incentive before it had them: the
JSON columns parsed and the typed terms sorted by app.calculator.conditions.read_conditions."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from app.calculator.conditions import read_conditions
from app.calculator.stored import TERMS_COLUMNS, parsed_conditions, parsed_strings
from app.models import CalculatorOffer, CalculatorTargetList, CalculatorTerms, Incentive


class Terms(NamedTuple):
    category: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    needs_purchase: bool | None  # None, and service_years too, for a row from before terms were typed
    service_years: int | None
    conditions_text: str | None  # that row's line


# incentive id -> (place id, province code, targets, target levels, terms)
Offers = dict[int, tuple[int, str | None, tuple[str, ...], tuple[str, ...], Terms]]


def expected_offers(session: Session) -> Offers:
    """Every incentive with a place, from its own row."""
    query = select(
        col(Incentive.id), col(Incentive.place_id), col(Incentive.province_code), col(Incentive.category), *TERMS_COLUMNS
    ).where(col(Incentive.place_id).is_not(None))
    out: Offers = {}
    for ident, place, province, category, amount, amount_min, kind, period, months, targets, levels, items, line in (
        session.execute(query)
    ):
        amounts = (category, amount, amount_min, kind, period, months)
        if items is None or items == "null":
            terms = Terms(*amounts, None, None, line or "")
        else:
            read = read_conditions(parsed_conditions(items, line), "")
            terms = Terms(*amounts, read.needs_purchase, read.service_years, None)
        out[ident] = (place, province, parsed_strings(targets), parsed_strings(levels), terms)
    return out


def stored_offers(session: Session) -> Offers:
    """Every offer as the database keeps it: calculator_offer with its target list and its terms."""
    rows = session.execute(
        select(
            col(CalculatorOffer.incentive_id),
            col(CalculatorOffer.place_id),
            col(CalculatorOffer.province_code),
            col(CalculatorTargetList.targets),
            col(CalculatorTargetList.target_levels),
            col(CalculatorTerms.category),
            col(CalculatorTerms.amount_yuan),
            col(CalculatorTerms.amount_min),
            col(CalculatorTerms.amount_kind),
            col(CalculatorTerms.period),
            col(CalculatorTerms.duration_months),
            col(CalculatorTerms.needs_purchase),
            col(CalculatorTerms.service_years),
            col(CalculatorTerms.conditions_text),
        )
        .join(CalculatorTargetList, col(CalculatorTargetList.id) == col(CalculatorOffer.target_list_id))
        .join(CalculatorTerms, col(CalculatorTerms.id) == col(CalculatorOffer.terms_id))
    ).all()
    return {
        ident: (place, province, parsed_strings(targets), parsed_strings(levels), Terms(*terms))
        for ident, place, province, targets, levels, *terms in rows
    }
