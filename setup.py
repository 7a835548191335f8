"""Packages: everything under exercise/, and the shipped scenario library (scenarios/) installed
as `exercise.packs` so `exercise drill` and `exercise serve` work from an installed wheel."""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["exercise*"]), "exercise.packs"])
