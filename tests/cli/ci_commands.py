#!/usr/bin/env python3
"""Prints the shell lines that run `aicost diff` in the CI examples of
docs/examples, one per line, after checking that each file is valid YAML
of the shape its CI expects (a GitHub Actions workflow: on.pull_request
and jobs with steps; a GitLab CI job: rules on merge requests and a
script). Exit 1 with the reason otherwise. Usage: ci_commands.py FILE..."""
import sys

import yaml


def github(doc):
    # YAML 1.1 reads the key `on` as true
    on = doc.get("on", doc.get(True))
    assert isinstance(on, dict) and "pull_request" in on, "runs on pull_request"
    assert doc["permissions"]["pull-requests"] == "write", "may comment on the PR"
    for job in doc["jobs"].values():
        for step in job["steps"]:
            yield from str(step.get("run", "")).splitlines()


def gitlab(doc):
    for name, job in doc.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        rules = " ".join(str(r.get("if", "")) for r in job["rules"])
        assert "merge_request_event" in rules, name + " runs on merge requests"
        for line in job.get("before_script", []) + job["script"]:
            yield from str(line).splitlines()


def main():
    found = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        assert isinstance(doc, dict), path + ": a mapping"
        lines = github(doc) if "jobs" in doc else gitlab(doc)
        for line in lines:
            if line.strip().startswith("aicost diff "):
                print(line.strip())
                found += 1
    assert found >= len(sys.argv) - 1, "each example runs aicost diff"


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, KeyError, TypeError, yaml.YAMLError) as e:
        print("ci_commands.py: %s" % e, file=sys.stderr)
        sys.exit(1)
