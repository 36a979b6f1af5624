"""factory_boy factories, one module per app of the domain: import from the module
(`from tests.factories.hubs import UserFactory`). Nothing is imported here, so importing one module
does not load the others' models.

Factories build valid rows by default, so a test only spells out the field it is about.
"""
