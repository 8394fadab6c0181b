"""The identity layer (身份): resident ID numbers and student numbers.

Resident ID numbers (GB 11643) and national student numbers (学籍号). Regions
and jurisdictions live in the public module kongchuo.regions, below it.
"""
