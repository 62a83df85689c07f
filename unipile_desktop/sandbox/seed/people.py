"""Who the demo people are: a persona per person, and the occupations and places of LinkedIn members."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    """A demo person: display name, language of their messages, whether they have an avatar."""

    name: str
    lang: str = "en"
    picture: bool = True


OCCUPATIONS = [
    "Software Engineer at Globex",
    "Head of Customer Support at Initech",
    "Product Manager at Umbrella",
    "CTO at Hooli",
    "Data Scientist at Stark Industries",
    "Engineering Manager at Wayne Enterprises",
    "Freelance Designer",
    "Operations Lead at Soylent",
]

LOCATIONS = [
    "Paris, Île-de-France, France",
    "Berlin, Germany",
    "Madrid, Spain",
    "London, England, United Kingdom",
    "Lyon, France",
    "Lisbon, Portugal",
    "Remote",
]
