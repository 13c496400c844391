"""The loader registry (api/toolkit/loaders.py) on plain objects: one batch per level, answers per key."""

from dataclasses import dataclass

from api.toolkit.loaders import Loader, Loaders, identity


@dataclass(eq=False)
class Node:
    name: str
    parent: "Node | None" = None


@dataclass(eq=False)
class Other:
    name: str


def _parents(calls):
    def batch(nodes):
        calls.append([node.name for node in nodes])
        return [node.parent for node in nodes]

    return Loader("parent", identity, batch, Node)


def test_a_field_asked_of_one_member_of_a_group_is_loaded_for_the_whole_group_once():
    root = Node("root")
    middles = [Node(f"m{i}", root) for i in range(3)]
    leaves = [Node(f"l{i}{j}", middle) for i, middle in enumerate(middles) for j in range(2)]
    loaders, calls = Loaders(), []
    loader = _parents(calls)

    loaders.group(leaves)
    answers = [loaders.load(loader, leaf) for leaf in leaves]
    # The answers of that batch are the next level's group: the middles' parents load together.
    grand = [loaders.load(loader, parent) for parent in answers]

    assert answers == [leaf.parent for leaf in leaves]
    assert grand == [root] * len(leaves)
    assert calls == [[leaf.name for leaf in leaves], ["m0", "m1", "m2"]]
    assert loaders.batches == 2


def test_an_object_outside_any_group_is_loaded_alone():
    loaders, calls = Loaders(), []
    node = Node("x", Node("p"))

    assert loaders.load(_parents(calls), node).name == "p"
    assert calls == [["x"]]


def test_members_of_another_kind_are_left_out_of_a_batch():
    loaders, calls = Loaders(), []
    node = Node("x", Node("p"))
    loaders.group([Other("document"), node, Other("image")])

    loaders.load(_parents(calls), node)

    assert calls == [["x"]]


def test_keys_share_answers_and_once_computes_once():
    loaders, calls = Loaders(), []
    by_name = Loader(
        "length", lambda node: node.name, lambda nodes: calls.append(len(nodes)) or [len(n.name) for n in nodes]
    )
    twins = [Node("abc"), Node("abc"), Node("de")]
    loaders.group(twins)

    assert [loaders.load(by_name, node) for node in twins] == [3, 3, 2]
    assert calls == [2]  # two distinct keys, one batch
    counter = iter(range(10))
    assert loaders.once("n", lambda: next(counter)) == loaders.once("n", lambda: next(counter)) == 0
