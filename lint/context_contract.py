"""An import-linter contract type: bounded contexts are independent in every layer.

Every internal module has one owner, found from the configuration and the folders that exist:

- ``shared``: the shared kernel packages listed in ``shared``;
- ``platform``: the packages and modules listed in ``platform`` (HTTP plumbing, drivers,
  settings), importable by every context;
- ``root``: the composition root listed in ``composition_root``, which may import everything;
- a context: a child of a ``containers`` package (``domain.<ctx>``, ``usecases.<ctx>``,
  ``adapters.<kind>.<ctx>``, ``infrastructure.<ctx>``, ``infrastructure.wiring.<ctx>``), or a
  package listed in ``members`` as ``"package: context"``.

The longest matching prefix wins, an explicit entry before a container child of the same length.
So a folder nobody declared is a context of its own the day it appears, isolated like the rest.

Rules, checked on every direct import (so no module can serve as a tunnel):

1. a module of context A imports a module of context B (A != B) only if that module is one of
   B's ``public_ports`` and ``consumers`` has the entry ``"A -> B: reason"``;
2. a platform module imports a context's public port only with a ``consumers`` entry naming the
   platform module (``"adapters.http.auth -> identity: reason"``), never a context's internals;
3. the shared kernel imports no context at all, public port or not;
4. nothing outside the composition root imports the composition root.

Configuration mistakes fail the contract: a listed module that does not exist, a public port
outside its context, a consumer entry without a reason, or one that no import uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck, InvalidContractOptions

SHARED, PLATFORM, ROOT, CONTEXT = "shared", "platform", "composition root", "context"


@dataclass(frozen=True, slots=True)
class Owner:
    kind: str
    name: str  # the context's name; for the other kinds, the kind

    def __str__(self) -> str:
        return self.name if self.kind == CONTEXT else self.kind


@dataclass(frozen=True, slots=True)
class Consumer:
    importer: str  # a context's name or a platform module (or package)
    context: str
    reason: str


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _parse_consumer(raw: str) -> Consumer:
    route, sep, reason = raw.partition(":")
    importer, arrow, context = route.partition("->")
    if not (sep and arrow and importer.strip() and context.strip() and reason.strip()):
        raise fields.ValidationError(
            f"'{raw}': write consumers as 'importer -> context: one-line reason'."
        )
    return Consumer(importer.strip(), context.strip(), reason.strip())


def _parse_member(raw: str) -> tuple[str, str]:
    package, sep, context = raw.partition(":")
    if not (sep and package.strip() and context.strip()):
        raise fields.ValidationError(f"'{raw}': write members as 'package: context'.")
    return package.strip(), context.strip()


class BoundedContextsContract(Contract):
    """Configuration options (lists of strings):

    - containers: packages whose children are contexts; ``pkg.*`` means every child package
      of ``pkg`` (``adapters.*``: ``adapters.http``, ``adapters.persistence``, ...).
    - shared: the shared kernel packages.
    - platform: packages and modules every context may import.
    - composition_root: packages and modules that assemble the contexts.
    - members: ``"package: context"`` for a package of a context not named after it.
    - public_ports: the modules (or packages) through which a context is used by others.
    - consumers: ``"importer -> context: reason"``, one per allowed use of a public port.
    """

    type_name = "bounded_contexts"

    containers = fields.ListField(subfield=fields.StringField())
    shared = fields.ListField(subfield=fields.StringField())
    platform = fields.ListField(subfield=fields.StringField())
    composition_root = fields.ListField(subfield=fields.StringField())
    members = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    public_ports = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    consumers = fields.ListField(subfield=fields.StringField(), required=False, default=[])

    def _strings(self, option: str) -> list[str]:
        # The fields set each option on the instance as the list they parsed.
        return list(cast("list[str]", getattr(self, option)))

    def validate(self) -> None:
        self._containers = self._strings("containers")
        self._shared = self._strings("shared")
        self._platform = self._strings("platform")
        self._root = self._strings("composition_root")
        self._ports = self._strings("public_ports")
        errors: dict[str, str] = {}
        try:
            self._members = dict(_parse_member(raw) for raw in self._strings("members"))
        except fields.ValidationError as e:
            errors["members"] = e.message
        try:
            self._consumers = [_parse_consumer(raw) for raw in self._strings("consumers")]
        except fields.ValidationError as e:
            errors["consumers"] = e.message
        if errors:
            raise InvalidContractOptions(errors)

    # -- ownership ---------------------------------------------------------------------------

    def _internal(self, graph: ImportGraph) -> list[str]:
        roots = tuple(self.session_options["root_packages"])
        return sorted(m for m in graph.modules if any(_within(m, r) for r in roots))

    def _expanded_containers(self, graph: ImportGraph) -> list[str]:
        found: list[str] = []
        for container in self._containers:
            if container.endswith(".*"):
                parent = container[:-2]
                found.extend(c for c in graph.find_children(parent) if graph.find_children(c))
            else:
                found.append(container)
        return found

    def _explicit(self) -> list[tuple[str, Owner]]:
        explicit = [(p, Owner(SHARED, SHARED)) for p in self._shared]
        explicit += [(p, Owner(PLATFORM, PLATFORM)) for p in self._platform]
        explicit += [(p, Owner(ROOT, ROOT)) for p in self._root]
        explicit += [(p, Owner(CONTEXT, c)) for p, c in self._members.items()]
        return explicit

    def owners(self, graph: ImportGraph) -> dict[str, Owner]:
        """Every internal module and its owner (a module matching nothing is a container
        package itself, such as ``domain``: platform)."""
        explicit = self._explicit()
        containers = self._expanded_containers(graph)
        owners: dict[str, Owner] = {}
        for module in self._internal(graph):
            best: tuple[int, int, Owner] = (0, 0, Owner(PLATFORM, PLATFORM))
            for package, owner in explicit:
                if _within(module, package):
                    best = max(best, (package.count(".") + 1, 1, owner), key=lambda b: b[:2])
            for container in containers:
                if module.startswith(container + "."):
                    depth = container.count(".") + 2
                    name = module.split(".")[depth - 1]
                    candidate = (depth, 0, Owner(CONTEXT, name))
                    best = max(best, candidate, key=lambda b: b[:2])
            owners[module] = best[2]
        return owners

    def contexts(self, graph: ImportGraph) -> set[str]:
        """The contexts that exist in the tree today."""
        return {o.name for o in self.owners(graph).values() if o.kind == CONTEXT}

    # -- checking ----------------------------------------------------------------------------

    def _config_errors(self, graph: ImportGraph, owners: dict[str, Owner]) -> list[str]:
        errors = []
        listed = [*self._shared, *self._platform, *self._root, *self._members]
        errors += [f"'{p}' is listed but does not exist." for p in listed if p not in owners]
        contexts = self.contexts(graph)
        in_members = {m for m in owners if any(_within(m, p) for p in self._members)}
        named = {o.name for m, o in owners.items() if o.kind == CONTEXT and m not in in_members}
        for package, context in self._members.items():
            if context not in named:
                errors.append(f"member '{package}: {context}': no context '{context}' exists.")
        for port in self._ports:
            if port not in owners:
                errors.append(f"public port '{port}' does not exist.")
            elif owners[port].kind != CONTEXT:
                errors.append(f"public port '{port}' is not inside a context.")
        ported = {owners[p].name for p in self._ports if p in owners}
        for c in self._consumers:
            if c.context not in ported:
                errors.append(f"consumer '{c.importer} -> {c.context}': no public port.")
            if c.importer in contexts:
                continue
            owner = owners.get(c.importer)
            if owner is None or owner.kind != PLATFORM:
                errors.append(
                    f"consumer '{c.importer} -> {c.context}': the importer is neither a "
                    "context nor a platform module (the shared kernel imports no context)."
                )
        return errors

    def _is_public(self, module: str) -> bool:
        return any(_within(module, port) for port in self._ports)

    def _consumer(self, importer: str, owner: Owner, context: str) -> Consumer | None:
        for c in self._consumers:
            if c.context != context:
                continue
            if owner.kind == CONTEXT and c.importer == owner.name:
                return c
            if owner.kind == PLATFORM and _within(importer, c.importer):
                return c
        return None

    def _verdict(
        self, importer: str, imported: str, owners: dict[str, Owner], used: set[Consumer]
    ) -> str | None:
        """Why this direct import is forbidden, or None."""
        source, target = owners[importer], owners[imported]
        if source.kind == ROOT or source == target:
            return None
        if target.kind == ROOT:
            return "only the composition root imports the composition root"
        if target.kind != CONTEXT:
            return None
        if source.kind == SHARED:
            return f"the shared kernel imports no context ({target.name})"
        if not self._is_public(imported):
            return (
                f"{source} reaches into {target.name}, which is not a public port of {target.name}"
            )
        consumer = self._consumer(importer, source, target.name)
        if consumer is None:
            who = source.name if source.kind == CONTEXT else importer
            return f"{target.name}'s public port, but no consumer entry '{who} -> {target.name}'"
        used.add(consumer)
        return None

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        owners = self.owners(graph)
        errors = self._config_errors(graph, owners)
        if errors:
            raise ValueError("bounded_contexts configuration: " + " ".join(errors))
        used: set[Consumer] = set()
        violations = []
        for importer in owners:
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported not in owners:
                    continue  # an external package: other contracts judge those
                reason = self._verdict(importer, imported, owners, used)
                if reason is not None:
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(d["line_number"] for d in details)
                    violations.append((importer, imported, lines, reason))
        unused = [c for c in self._consumers if c not in used]
        output.verbose_print(verbose, f"Contexts: {', '.join(sorted(self.contexts(graph)))}")
        return ContractCheck(
            kept=not violations and not unused,
            metadata={"violations": violations, "unused": unused},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, lines, reason in check.metadata["violations"]:
            at = ", ".join(f"l.{n}" for n in lines)
            output.console.print(
                f"[red]{importer} -> {imported} ({at}): {reason}[/red]", soft_wrap=True
            )
        for c in check.metadata["unused"]:
            output.print_error(
                f"consumer '{c.importer} -> {c.context}' is not used by any import: remove it",
                bold=False,
            )
        if check.metadata["violations"]:
            output.new_line()
            output.print(
                "Go through the other context's public port (and declare the consumer with a "
                "reason), or move the code into the context that owns it."
            )
