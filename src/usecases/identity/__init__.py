"""The identity context's use cases, one sub-package per area: registration, authentication (login
and sessions), passwords, two_factor, profile, administration, access_control, api_keys, risk.
The modules at this level are what the areas share: ports.py (the unit of work and the ports
every area uses), config.py, messages.py, throttle.py, security_recorder.py, origin_actor.py,
identifiers.py, one_time_codes.py and one_time_code_service.py."""
