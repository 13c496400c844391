"""The organisations app's content: organisations, people, target groups, places, the office, governance."""

from organisations.models import ContactPoint, GovernanceBody, Membership, Organisation, Person, Place, TargetGroup

from . import examples, facts
from .state import Demo


def organisations_people_groups(demo: Demo) -> None:
    demo.orgs = {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "url": url})[0]
        for name, kind, url in facts.ORGANISATIONS
    }
    demo.people = {
        name: Person.objects.get_or_create(name=name, defaults={"job_title": title, "organisation": demo.orgs[org]})[0]
        for name, title, org in facts.PEOPLE
    }
    demo.groups = {
        name: TargetGroup.objects.get_or_create(name=name, defaults={"age_min": lo, "age_max": hi})[0]
        for name, lo, hi in facts.TARGET_GROUPS
    }


def places_and_office(demo: Demo) -> None:
    for name, address, postcode, area_slug in facts.PLACES:
        Place.objects.get_or_create(
            name=name, defaults={"address": address, "postcode": postcode, "housing_area": demo.areas.get(area_slug)}
        )
    demo.places = {place.name: place for place in Place.objects.all()}
    office, _ = ContactPoint.objects.get_or_create(
        name=facts.CONTACT_POINT["name"], defaults={"address": facts.CONTACT_POINT["address"]}
    )
    if demo.home.office_id is None:
        demo.home.office = office
        demo.home.save_revision().publish()


def governance(demo: Demo) -> None:
    for period_slug, kind, name, members in facts.GOVERNANCE_BODIES:
        body, created = GovernanceBody.objects.get_or_create(
            plan_period=demo.periods[period_slug],
            kind=kind,
            defaults={"name": name, "mandate": demo.documents[facts.KOMMISSORIUM]},
        )
        if created:
            for order, (person, represents) in enumerate(members):
                Membership.objects.create(
                    body=body, person=demo.people[person], represents=demo.orgs[represents], sort_order=order
                )
    for period_slug, kind, name, description in examples.GOVERNANCE_2021_25:
        GovernanceBody.objects.get_or_create(
            plan_period=demo.periods[period_slug], kind=kind, defaults={"name": name, "description": description}
        )
