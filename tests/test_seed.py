"""The quality bar on the seed text the project started from (fixtures/seed/seed.txt)."""

from __future__ import annotations

from pathlib import Path

from citecheck import check

SEED = (Path(__file__).parent.parent / "fixtures" / "seed" / "seed.txt").read_text(encoding="utf-8")


def test_seed_is_detected_as_rendered_text() -> None:
    assert check(SEED).article.format == "text"


def test_exactly_the_three_unreferenced_sentences_are_uncited() -> None:
    report = check(SEED)
    uncited = [f for f in report.findings if f.rule == "uncited-claim"]
    starts = [SEED[f.span.start : f.span.end] for f in uncited]
    assert len(starts) == 3
    assert starts[0].startswith("The Red Army regained control")
    assert starts[1].startswith("The German forces were deported")
    assert starts[2].startswith("After the war, the Baltic territories")
    assert all("policy: paragraph" in f.message for f in uncited)


def test_binding_of_the_first_sentence_and_the_withdrawal_paragraph() -> None:
    report = check(SEED)
    labels = {r.id: r.label for r in report.references}
    claims = report.claims
    assert claims[0].text.startswith("The Soviet Union (USSR) occupied")
    assert [labels[r] for r in claims[0].refs] == ["1"]
    withdrawal = [c for c in claims if c.section == ("Withdrawal of the occupational army from the Baltic states",)]
    assert len(withdrawal) == 5
    assert all([labels[r] for r in c.refs] == ["25"] for c in withdrawal)
    assert withdrawal[3].text.startswith("Eventually, the last combat unit")
    assert withdrawal[3].text.endswith("also left in the near months.")


def test_title_headings_and_boilerplate_are_not_claims() -> None:
    report = check(SEED)
    texts = [c.text for c in report.claims]
    for not_a_claim in (
        "Katana VentraIP",
        "Soviet re-occupation of the Baltic states (1944)",
        "Withdrawal of the occupational army",
        "See also:",
        "Soviet re-occupation of Latvia in 1944",
    ):
        assert not any(t.startswith(not_a_claim) for t in texts), not_a_claim
    assert report.article.title == "Soviet re-occupation of the Baltic states (1944)"
    assert len(texts) == 9


def test_every_span_reproduces_its_text() -> None:
    report = check(SEED)
    for claim in report.claims:
        assert " ".join(SEED[claim.span.start : claim.span.end].split()) == claim.text
    for ref in report.references:
        for use in ref.uses:
            assert SEED[use.start : use.end] == f"[{ref.label}]"
