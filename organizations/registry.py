"""Extension points of the directory that other apps fill, so the directory imports none of them.

Filled from those apps' AppConfig.ready(), before the admin is built.
"""

# Admin viewsets shown in the "Directory" menu after associations and regions
# (e.g. visitors' suggestions, from the governance app).
directory_menu_viewsets = []

# Callables `(request) -> dict` of initial association form values, asked when the add or edit
# form is opened (e.g. the details a visitor suggested, when staff accept the suggestion).
association_form_prefills = []
