"""The committee tree the generated records refer to (organisers, proposers, responsible bodies)."""

from standards.models import Committee

from . import vocabulary as words


class Committees:
    """The committee tree the records refer to: the demo's when loaded, completed as needed."""

    @classmethod
    def ensure(cls):
        self = cls()
        used_codes = set(Committee.objects.exclude(code="").values_list("code", flat=True))

        def get(name, short_name, code, kind, parent=None):
            committee = Committee.objects.filter(name=name).first()
            if committee is None:
                committee = Committee.objects.create(
                    name=name,
                    short_name=short_name,
                    code="" if code in used_codes else code,
                    kind=kind,
                    parent=parent,
                )
                used_codes.add(committee.code)
            return committee

        self.tc = get(*words.TC, kind="tc")
        self.subcommittees, self.groups = {}, {}
        for name, short_name, code in words.SUB_COMMITTEES:
            sc = get(name, short_name, code, kind="sc", parent=self.tc)
            self.subcommittees[short_name] = sc
            self.groups[short_name] = [
                get(f"{subject}标准工作组", f"{subject}标准工作组", "", "working_group", sc)
                for subject, _english in words.SUBJECTS[short_name][:2]
            ]
        self.external = [get(name, short, "", "external") for name, short in words.EXTERNAL_BODIES]
        self.ministry = self.external[0]
        return self
