#!/usr/bin/env python3
"""Checks (and with --fix, repairs) the OSGi metadata conventions of docs/architecture.md, "Versions
and import ranges", in every META-INF/MANIFEST.MF under bundles/, tests/ and examples/:

- an Import-Package of a package exported by a bundle of this repository has the range
  [x.y,x+1) — or [x.y,x.y+1) when the importing bundle implements a @ProviderType interface of that
  package (it provides the package's API and breaks on a minor change) — where x.y is the version
  exported in this build, the one the bundle is compiled against (as bnd computes import ranges);
- a Require-Bundle or Fragment-Host of one of our bundles has the bundle-version range [x.y,x+1) and
  x.y is the bundle's version;
- an exported API package (not x-friends, not x-internal) of bundles/ and examples/ has a
  package-info.java whose @Version equals the version in Export-Package.

The root pom runs it in the validate phase of every build. --fix rewrites the ranges in place and leaves @Version problems to a person.
Usage: releng/osgi-metadata.py [--fix] [ROOT]
"""
import os
import pathlib
import re
import sys

AREAS = ("bundles", "tests", "examples")
CLAUSE = re.compile(r'^(\s*)([\w.]+)((?:;(?:[^,"]|"[^"]*")*)?)(,?)\s*$')
PROVIDER_TYPE = re.compile(r'@(?:org\.osgi\.annotation\.versioning\.)?ProviderType\s+(?:public\s+)?'
                           r'(?:(?:abstract|sealed|non-sealed)\s+)*(?:interface|class)\s+(\w+)')
VERSION_ANNOTATION = re.compile(r'@(?:org\.osgi\.annotation\.versioning\.)?Version\("([^"]+)"\)')


class Bundle:
    def __init__(self, folder, manifest):
        self.folder = folder
        self.manifest = manifest
        self.text = manifest.read_text()
        try:
            self.headers = parse_headers(self.text)
        except ValueError as e:
            raise SystemExit(f"osgi-metadata: {manifest}: {e}; merge the two into one")
        self.name = self.headers.get("Bundle-SymbolicName", "").split(";")[0].strip()
        self.version = self.headers.get("Bundle-Version", "0")
        self.exports = {name: attrs for name, attrs in clauses(self.headers.get("Export-Package", ""))}
        self._sources = None

    def sources(self):
        if self._sources is None:
            self._sources = [p.read_text() for p in self.folder.rglob("*.java") if "target" not in p.parts]
        return self._sources


def parse_headers(text):
    headers, name = {}, None
    for line in text.splitlines():
        if line.startswith(" ") and name:
            headers[name] += line[1:]
        elif ":" in line:
            name, value = line.split(":", 1)
            if name in headers:
                # Equinox would keep one of the two silently (a merge of two branches can leave both).
                raise ValueError(f"the header {name} appears twice")
            headers[name] = value.strip()
    return headers


def clauses(header):
    """Splits a header into (name, attributes) at the commas outside quotes."""
    result, current, quoted = [], "", False
    for char in header + ",":
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            if current.strip():
                name, *attrs = current.strip().split(";")
                result.append((name.strip(), ";".join(attrs)))
            current = ""
        else:
            current += char
    return result


def attribute(attrs, key):
    match = re.search(r'(?:^|;)\s*' + re.escape(key) + r'\s*=\s*"?([^";]*)"?', attrs)
    return match.group(1) if match else None


def version(text):
    """major.minor.micro of an OSGi version (the qualifier is left out)."""
    parts = [int(p) for p in text.split(".")[:3] if p.isdigit()]
    return tuple(parts + [0] * (3 - len(parts)))


def parse_range(text):
    match = re.fullmatch(r'\[\s*([\d.]+)\s*,\s*([\d.]+)\s*\)', text or "")
    return (version(match.group(1)), version(match.group(2))) if match else None


def canonical(lower, provider):
    upper = (lower[0], lower[1] + 1, 0) if provider else (lower[0] + 1, 0, 0)
    low = f"{lower[0]}.{lower[1]}"
    high = f"{upper[0]}.{upper[1]}" if provider else f"{upper[0]}"
    return f"[{low},{high})"


def expected_range(exported, provider):
    """The range the convention wants: from the x.y exported in this build, which the bundle compiles against."""
    return canonical(exported, provider)


def provides(bundle, package, exporter):
    """Whether bundle implements a @ProviderType interface or class of package (exported by exporter)."""
    folder = package.replace(".", "/")
    types = set()
    for source in exporter.folder.rglob("*.java"):
        if "target" not in source.parts and source.parent.as_posix().endswith(folder):
            types.update(PROVIDER_TYPE.findall(source.read_text()))
    for text in bundle.sources():
        if not re.search(r'^import\s+' + re.escape(package) + r'\.(\*|\w+);', text, re.M):
            continue
        for name in types:
            declared = r'\b(class|interface|record|enum)\s+\w+[^{;=]*\b(implements|extends)\s[^{;=]*\b' + name + r'\b'
            anonymous = r'\bnew\s+' + name + r'\s*(<[^>]*>)?\s*\(\s*\)\s*\{'
            if re.search(declared, text) or re.search(anonymous, text):
                return True
    return False


def check_bundle(bundle, exporters, bundles_by_name, fix):
    problems, lines = [], bundle.text.split("\n")
    header = None
    for index, line in enumerate(lines):
        if not line.startswith(" "):
            header = line.split(":", 1)[0] if ":" in line else None
        if header not in ("Import-Package", "Require-Bundle", "Fragment-Host"):
            continue
        match = CLAUSE.match(line if line.startswith(" ") else line.split(":", 1)[1])
        if not match:
            continue
        name, attrs = match.group(2), match.group(3)
        if header == "Import-Package":
            exporter = exporters.get(name)
            if exporter is None or exporter is bundle:
                continue
            key, current = "version", attribute(attrs, "version")
            exported = version(attribute(exporter.exports[name], "version") or "0")
            provider = provides(bundle, name, exporter)
        else:
            target = bundles_by_name.get(name)
            if target is None:
                continue
            key, current = "bundle-version", attribute(attrs, "bundle-version")
            exported, provider = version(target.version), False
        wanted = expected_range(exported, provider)
        if current == wanted:
            continue
        role = "implements its @ProviderType API" if provider else "uses it"
        problems.append(f"{bundle.manifest}: {header} {name} has {key}=\"{current}\", the convention wants "
                        f"\"{wanted}\" (exported as {'.'.join(map(str, exported))}; the bundle {role})")
        if fix:
            if current is None:
                lines[index] = line.replace(name + attrs, f'{name}{attrs};{key}="{wanted}"', 1)
            else:
                lines[index] = re.sub(re.escape(key) + r'\s*=\s*"' + re.escape(current) + '"', f'{key}="{wanted}"',
                                      line, count=1)
    if fix and problems:
        bundle.manifest.write_text("\n".join(lines))
    return problems


def check_versions(bundle):
    problems = []
    for name, attrs in bundle.exports.items():
        if re.search(r'x-friends\s*:=|x-internal\s*:=\s*"?true', attrs):
            continue
        exported = attribute(attrs, "version")
        infos = [p for p in bundle.folder.rglob("package-info.java")
                 if "target" not in p.parts and p.parent.as_posix().endswith("/" + name.replace(".", "/"))]
        found = VERSION_ANNOTATION.findall(infos[0].read_text()) if infos else []
        if not found:
            problems.append(f"{bundle.manifest}: exported package {name} has no package-info.java with @Version")
        elif version(found[0]) != version(exported or "0"):
            problems.append(f"{infos[0]}: @Version(\"{found[0]}\") but {bundle.manifest} exports {name} as "
                            f"{exported}: give both the same version")
    return problems


def main(args):
    fix = "--fix" in args
    rest = [a for a in args if a != "--fix"]
    os.chdir(rest[0] if rest else pathlib.Path(__file__).resolve().parent.parent)
    bundles = [Bundle(m.parent.parent, m) for area in AREAS for m in sorted(pathlib.Path(area).glob("*/META-INF/MANIFEST.MF"))]
    exporters = {package: b for b in bundles for package in b.exports}
    by_name = {b.name: b for b in bundles}
    problems = []
    for bundle in bundles:
        problems += check_bundle(bundle, exporters, by_name, fix)
        if bundle.folder.parent.name != "tests":
            problems += check_versions(bundle)
    if not problems:
        print(f"osgi-metadata: {len(bundles)} manifests follow the conventions")
        return 0
    ranges = [p for p in problems if "the convention wants" in p]
    others = [p for p in problems if p not in ranges]
    if fix:
        print("osgi-metadata: fixed:\n  " + "\n  ".join(ranges) if ranges else "osgi-metadata: no range to fix")
        problems = others
    if problems:
        print("osgi-metadata: conventions broken (docs/architecture.md, \"Versions and import ranges\"; "
              "releng/osgi-metadata.py --fix repairs the ranges):\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
