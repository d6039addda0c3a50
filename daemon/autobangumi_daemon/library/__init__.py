"""Library management: renaming finished files, the airing calendar, offsets."""
