"""citecheck.memo: remembered results, bounded memory."""

from citecheck.memo import memo


def test_a_result_is_computed_once_and_the_memory_is_emptied_when_full() -> None:
    calls: list[str] = []

    @memo(3)
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert list(map(shout, ["a", "b", "a", "c", "b"])) == ["A", "B", "A", "C", "B"]
    assert calls == ["a", "b", "c"]  # each computed once
    assert shout("d") == "D"  # the memory held 3: emptied, then "d" remembered
    assert shout("a") == "A"
    assert calls == ["a", "b", "c", "d", "a"]
