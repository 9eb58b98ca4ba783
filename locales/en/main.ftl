# Forja interface strings, English. Ids are shared with every other language;
# a test fails when a language misses one.

## Site
site-name = Forja
site-tagline = The open platform for learning cities: their stories, strategies, programmes and progress.
skip-to-content = Skip to content
nav-main-label = Main
nav-language-label = Language
nav-home = Network
nav-cities = Cities
nav-frameworks = Frameworks
nav-programmes = Programmes
breadcrumb-label = You are here
footer-about = Forja is open-source software for learning cities and their networks.
footer-sample = Figures marked “sample” are illustrative demo data, not reported values.
footer-credits = Country shapes: Natural Earth (public domain). City coordinates and populations: GeoNames (CC BY 4.0).
sample-badge = sample
draft-badge = draft, to verify

## Home
home-title = A network of learning cities
home-figures = Key figures
figure-cities = Member cities
figure-countries = Countries
figure-programmes = Programmes
figure-since = First member joined
map-heading = Where the members are
map-title = World map of member cities
map-description = { $count ->
    [one] An equal-area world map with one member city marked.
   *[other] An equal-area world map with { $shown } member cities marked.
}
map-caption = Equal Earth projection. Countries with member cities are shaded.
map-list-heading = Member cities
home-all-cities = Browse and filter all cities
member-since = member since { $year }
member-since-date = member since { $date }

## Cities
cities-title = Member cities
cities-count = { $count ->
    [0] No city matches.
    [one] One city.
   *[other] { $shown } cities.
}
cities-none = No member city matches these filters.
filter-country = Country
filter-cluster = Thematic cluster
filter-any = Any
filter-apply = Show cities
filter-clear = Clear the filters
population-short = population { $count }

## City
city-sections-label = About this city
city-strategy-link = Learning strategy
city-programmes-link = { $count ->
    [one] One programme
   *[other] { $shown } programmes
}
city-objectives-link = { $count ->
    [one] See its objective
   *[other] See all { $shown } objectives
}
city-history = History
city-context = Context and challenges
city-strategy = Learning strategy
city-challenges = Challenges, as the city rates them
city-challenges-hint = Rated from 1 (minor) to 5 (severe).
challenge-topic = Challenge
challenge-rating = Rating
challenge-rating-value = { $rating } of 5
city-at-a-glance = At a glance
city-country = Country
city-population = Population
city-area = Area
area-km2 = { $area } km²
city-languages = Languages spoken
city-coordinates = Coordinates
city-clusters = Thematic clusters
city-website = Website
city-organisations = Organisations

## Strategy
strategy-vision = Vision
strategy-objectives = { $count ->
    [one] One objective
   *[other] { $shown } objectives
}
strategy-addresses = Addresses
strategy-local-targets = Local targets
strategy-programmes = Programmes serving it
strategy-status-draft = draft
strategy-status-adopted = adopted
strategy-status-under-revision = under revision
strategy-status-archived = archived
framework-short-kflc = KFLC
framework-short-guidelines = Guidelines
framework-short-sdg = SDG
framework-short-clusters = Cluster
framework-short-target-groups = Group

## Programmes
programmes-title = Programmes of { $city }
programmes-intro = Progress of a programme with sub-programmes is the weighted average of theirs.
programmes-none = This city has not listed any programme yet.
status-planned = planned
status-active = active
status-completed = completed
status-suspended = suspended
status-cancelled = cancelled
progress-value = { $percent }% done
progress-none = no progress figure
progress-source-reported = as reported
progress-source-status = implied by its status
progress-source-children = from its sub-programmes
programme-sample-grouping = This programme is a grouping made for the demo; it and the weights of its parts are illustrative.
programme-progress = Progress
programme-about = About the programme
programme-children = Sub-programmes
programme-children-hint = Each counts in the overall progress by its weight.
programme-column = Programme
programme-weight = Weight
programme-outputs = Outputs
output-label = Output
output-expected = Expected
output-reported = Reported
output-source = Source
programme-milestones = Milestones
milestone-done = Done:
milestone-open = Open:
programme-partners = Partners
partner-organisation = Organisation
partner-role = Role
partner-role-lead = lead
partner-role-partner = partner
partner-role-funder = funder
partner-role-implementer = implementer
partner-role-host = host
partner-contribution = Contribution
programme-funding = Funding
funding-source = Source
funding-amount = Amount
funding-unknown = not stated
programme-facts = Key facts
programme-parent = Part of
programme-dates = Dates
programme-place = Place
programme-target-groups = Target groups
programme-objectives = Strategy objectives
org-kind-school = school
org-kind-company = company
org-kind-ngo = NGO
org-kind-university = university
org-kind-public-body = public body
org-kind-cultural = cultural institution
org-kind-other = organisation

## Frameworks
frameworks-title = Frameworks
frameworks-intro = The frameworks cities link their objectives to. They are data: network staff can correct and extend them, and each keeps its version.
framework-version = version { $version }
framework-nodes = { $count ->
    [one] one entry
   *[other] { $shown } entries
}
node-objective = Objective:
node-programme = Programme:
node-children = Within it
node-uses = Cities working on it
node-unused = No member city links an objective or programme to this yet.
node-objectives = Objectives
node-programmes = Programmes
node-kind-section = Section
node-kind-area = Area
node-kind-feature = Feature
node-kind-goal = Goal
node-kind-target = Target
node-kind-indicator = Indicator
node-kind-action-area = Area of action
node-kind-cluster = Thematic cluster
node-kind-group = Target group

## Languages (by code)
language-ro = Romanian
language-en = English
language-de = German
language-hu = Hungarian
language-rom = Romani
language-hr = Croatian
language-sr = Serbian
language-uk = Ukrainian
language-fr = French

## Errors
error-not-found-title = Page not found
error-not-found-text = There is nothing at this address. It may have moved, or the link may be mistyped.
error-bad-request-title = Something in the address is not right
error-bad-parameter = The value of “{ $name }” is not valid. Allowed: { $allowed }.
error-too-large-title = Too much data
error-too-large-text = The request sent more data than Forja accepts. Send less and try again.
error-method-title = This action is not possible here
error-method-text = This address can only be read. Use the links on the page instead.
error-internal-title = Something went wrong on our side
error-internal-text = The problem has been logged. Please try again in a moment.
allowed-whole-number = a whole number from 1 to { $max }
allowed-country = a two-letter ISO 3166-1 country code, such as RO
allowed-well-formed = well-formed values; check the address or the data sent
error-go-home = Go to the network home
error-go-cities = Browse the member cities

## Accounts
nav-login = Sign in
nav-logout = Sign out
login-title = Sign in
login-email = Email
login-password = Password
login-submit = Sign in
login-help = Accounts are created by your city's coordinator or the network staff.
login-refused = The email or the password is not right. Check both and try again.
login-throttled = Too many attempts. Wait { $seconds } seconds, then try again.
account-title = Your account
account-email = Email
account-role = Role
role-network-admin = network administrator
role-city-coordinator = city coordinator
role-city-editor = city editor
role-partner-editor = partner editor
role-reader = reader
password-heading = Change your password
password-current = Current password
password-new = New password
password-repeat = New password, again
password-submit = Change password
password-rule = At least { $count } characters. A few words are easier to remember than symbols.
password-mismatch = The two new passwords differ. Type the same one twice.
password-wrong-current = The current password is not right.
password-too-short = The new password needs at least { $count } characters.
password-too-long = The new password is too long; use at most 1,024 characters.
sessions-heading = Where you are signed in
sessions-text = Signing out everywhere ends every session of this account, on every device, this one too.
sessions-end-all = Sign out everywhere
tokens-heading = API tokens
tokens-text = A token lets a program use the API in your name. Read tokens only read; write tokens can change what your role allows.
token-name = Name
token-scope = Access
token-scope-read = read
token-scope-write = write
token-created-on = Created
token-last-used = Last used
token-actions = Actions
token-revoked = revoked
token-revoke = Revoke
token-revoke-named = Revoke the token { $name }
token-create = Create token
token-created = Token created.
token-shown-once = Copy it now: it is shown only this once.
token-name-invalid = Give the token a name of 1 to 80 characters.
error-forbidden-title = Not allowed
error-forbidden-text = Your role does not allow this. Ask your city's coordinator if you need it.
error-unauthenticated-title = Sign-in needed
error-unauthenticated-text = Send a valid API token as “Authorization: Bearer …”.
error-csrf-title = The form has expired
error-csrf-text = For your safety the form was not accepted. Go back, reload the page and send it again.
error-conflict-title = Changed in the meantime
error-conflict-text = Someone saved a newer version while you were editing. Compare both and save again.
error-invalid-title = Some values need fixing
error-invalid-text = Fix the fields marked below and send again.

## Editing
edit = Edit
save = Save
cancel = Cancel
edit-programme-title = Edit “{ $title }”
field-title = Title
field-summary = Summary
field-description = Description
field-status = Status
field-start-on = Start date
field-end-on = End date
field-progress = Progress (%)
field-weight = Weight in the parent programme
field-required = Fill this in (in at least one language).
field-too-long = Too long: at most { $detail } characters.
field-not-number = Write a number, such as 40 or 12.5.
field-out-of-range = Out of range: allowed { $detail }.
field-not-date = Write a date as YYYY-MM-DD, such as 2024-09-01.
field-end-before-start = The end date comes before the start date.
field-not-allowed = Not allowed here; allowed: { $detail }.
field-not-json = Send a JSON object in UTF-8 with the header Content-Type: application/json.
field-unknown = This field does not exist; remove it.
conflict-explain = Someone saved this programme while you were editing. Here is what differs; your text is kept in the form below. Saving again replaces the saved version with yours.
conflict-caption = Saved version and your version, field by field
conflict-field = Field
conflict-saved = Saved now
conflict-yours = Yours
delete-explain = Deleting hides it from every page. It stays in the history and can be restored from there.
delete-this = Delete
history-title = History
history-deleted = This programme is deleted. Restore a version to bring it back.
history-from = Compare version
history-to = with version
history-version = version { $version }
history-compare = Compare
history-diff-heading = Changes from version { $from } to version { $to }
history-no-changes = The two versions are the same.
history-versions = All versions
history-version-column = Version
history-what = Change
history-when = When
history-who = Who
history-current = current
history-restore = Restore
history-restore-version = Restore version { $version }
history-imported = when the data was loaded
history-by-import = data import
history-op-import = loaded
history-op-update = edited
history-op-delete = deleted
history-op-restore = restored
deleted-title = Deleted programmes
deleted-none = No programme of this city is deleted.
deleted-restore-named = Restore { $title }

## Audit log
audit-title = Security events
audit-intro = Sign-ins, failures, account and role changes and API token use, newest first (the latest 500).
audit-none = No event recorded yet.
audit-when = When
audit-event = Event
audit-who = Account
audit-subject = About
audit-client = Client address
audit-event-login = signed in
audit-event-login-failed = sign-in failed
audit-event-login-throttled = sign-in refused: too many attempts
audit-event-logout = signed out
audit-event-logout-everywhere = signed out everywhere
audit-event-password-changed = password changed
audit-event-password-reset = password reset
audit-event-user-created = account created
audit-event-role-changed = role changed
audit-event-token-created = API token created
audit-event-token-revoked = API token revoked
audit-event-token-used = API token used

## Editing a city
edit-back = Back
edit-city = Edit the profile
edit-city-title = Edit the profile of { $name }
field-name = Name
field-history = History
field-context = Context and challenges
field-website = Website
field-population = Population
field-population-year = Year of the population figure
field-area-km2 = Area (km²)
field-languages = Languages spoken
hint-languages = Language codes separated by commas, such as ro, de, hu.
hint-website = A full address starting with https://
hint-progress = 0 to 100; leave empty to use the status's default.
hint-weight = 0 to 1,000; how much this programme counts in its parent's progress.
new-programme = New programme
new-programme-title = A new programme
field-slug = Address (slug)
hint-slug = Lowercase letters, digits and hyphens; leave empty to make it from the title or name.
field-taken = This is already used here; choose another.
history-op-create = created

## People of a city
people-title = People
people-link = People and roles
people-intro = The accounts of this city. Coordinators add people and choose their roles; a partner editor edits only the programmes of their organisation.
people-add = Add a person
people-add-button = Add
people-added = { $detail } can now sign in with this password. Send it to them safely; they can change it on their account page.
people-change = Change
people-no-organisation = no organisation
people-organisation-hint = Needed for a partner editor: the organisation whose programmes they edit.
people-role-of = Role of { $name }
people-organisation-of = Organisation of { $name }
people-field-email = Email
people-field-name = Name
people-field-role = Role
people-field-organisation = Organisation

language-heading = Your language
language-label = Language of the interface
language-browser = The browser's language

## Programme parts: references, rows and their fields
field-parent = Part of (parent programme)
field-objectives = Strategy objectives it serves
field-target-groups = Target groups
field-organisation = Organisation
field-role = Role
field-contribution = Contribution
field-source = Source
field-amount = Amount
field-currency = Currency
field-due-on = Due date
field-done = Done
field-code = Code
field-label = What is counted
field-unit = Unit
field-period = Period
field-expected = Expected
field-reported = Reported
hint-amount = In whole units, not negative, such as 12500 or 12500.50.
hint-outputs-code = Short and stable, used by stories to show this figure; left empty, it is made from the label.
hint-code = Short, such as O9; shown before the title.
hint-local-targets-code = Such as 4.c.RES.1: the SDG target, the city, a number.
group-partners = Partners
group-funding = Funding
group-milestones = Milestones
group-outputs = Outputs: expected and reported
row-partners = Partner { $n }
row-funding = Funding source { $n }
row-milestones = Milestone { $n }
row-outputs = Output { $n }
add-partners = Add a partner
add-funding = Add a funding source
add-milestones = Add a milestone
add-outputs = Add an output
row-remove = Remove this row when saving
pick-none = — none —
pick-one = — choose —
field-not-a-choice = Pick one of the choices offered here; this one is not among them.
field-cycle = A programme cannot be part of itself or of one of its own parts; pick another parent.
field-too-many = Too many rows: at most { $detail }.

## Strategy and objectives
edit-strategy = Edit the strategy
edit-strategy-title = Edit the strategy “{ $title }”
edit-objective-title = Edit objective { $title }
edit-objective-link = Edit { $code }
history-of = History of { $code }
new-objective-title = New objective
objectives-heading = Objectives
add-objective = Add an objective
objective-deleted = { $title } (deleted; open its history to restore it)
field-vision = Vision
field-period-start = First year
field-period-end = Last year
field-kflc = Key Features of Learning Cities it addresses
field-guidelines = Guidelines action areas it follows
field-sdg = Sustainable Development Goals and targets it serves
field-sdg-target = SDG target
group-local-targets = Local targets
row-local-targets = Local target { $n }
add-local-targets = Add a local target

## Organisations
organisations-link = Organisations
organisations-title = Organisations of { $city }
edit-organisation-title = Edit { $name }
new-organisation-title = New organisation
add-organisation = Add an organisation
deleted-organisations = Deleted organisations
field-kind = Kind
field-collective = A named group of organisations rather than one body
actions-heading = Actions
edit-named = Edit { $name }
history-named = History of { $name }
history-restore-link = History and restore
field-in-use = Still used by { $detail }; remove it there first, then delete.

## Adding member cities
new-city-title = Add a member city
new-city-intro = Find the city among the world's places of 15,000 people or more: choosing it fills in its country, coordinates and population, which you can still correct.
new-city-find = City name
new-city-find-hint = Any spelling: resita finds Reșița.
new-city-search = Search
new-city-none = No place of 15,000 people or more has that name. Fill in the form by hand.
new-city-add = Add the city
new-city-credit = Place data: GeoNames (geonames.org), CC BY 4.0.
add-member-city = Add a member city
field-latitude = Latitude
field-longitude = Longitude
field-geonames-id = GeoNames id
field-joined-year = Year it joined the network
field-default-locale = Language it writes in first
field-country = Country
hint-default-locale = A language code such as ro; texts not written in a reader's language are shown in this one.
allowed-short-text = text of at most { $max } characters
allowed-geonames-id = the id of a place listed by the search on this page
write-strategy = Write its learning strategy
edit-node-title = Edit the texts of “{ $title }”

## Stories
story-skip = Skip to the story
story-chapters = Chapters
story-read-in = Read in { $language }
story-progress = Page { $n } of { $m }
story-nav = Pages
story-previous = Previous page
story-next = Next page
story-first-page = Go to the first page
story-credits = Credits
story-credits-none = Every picture and sound of this story is listed here with its author and licence. This version has no media yet.
story-city-link = More about the city
story-fact-missing = This figure is no longer reported.
media-kind-image = Picture
media-kind-video = Video
media-kind-audio = Sound
media-kind-captions = Captions
story-video-pause = Pause the background video
story-video-play = Play the background video
story-share-link = The address of this story, to share
story-embed = Embed it in your site (copy this code)
story-sound-ask = This story has voices. Read it with sound?
story-sound-on = With sound
story-sound-off = Without sound
story-mute = Sound off
story-map-title = Where { $city } is

## Story editor and media library
stories-title = Stories
stories-none = This city has no stories yet. Start one below.
story-pages = Pages
story-draft-link = See the draft
story-draft-named = See the draft of { $name }
story-draft-badge = Draft, not published
story-new = Start a new story
story-create = Create the story
story-state-published = Published: readers see this version.
story-state-published-older = Readers see version { $version }; later changes are a draft.
story-state-draft = Draft: not published yet.
story-edit-title = Story: { $title }
story-conflict-explain = Someone saved this story while you were working on it. What is shown now is what they saved; your change was not saved, so make it again.
story-publishing = Publishing
story-unfinished = Pages still missing words: { $pages }. Publishing waits until they are written.
story-publish = Publish version { $version }
story-publish-coordinator = Only the city's coordinator can publish. Ask them when the story is ready.
story-outline = Chapters and pages
story-outline-hint = Each button saves one step at once. With JavaScript you can also drag a page to another place; the arrow buttons do the same from the keyboard.
story-rename-chapters = Save chapter titles
row-chapter = Chapter { $n }
row-page = Page { $n }
field-chapter-title = Chapter title
story-chapter-up = Move chapter “{ $title }” up
story-chapter-down = Move chapter “{ $title }” down
story-chapter-remove = Remove the empty chapter “{ $title }”
story-page-unfinished = words missing
story-page-up = Move page { $n } up
story-page-down = Move page { $n } down
story-page-remove = Remove page { $n }
story-remove = Remove
story-new-page-kind = Kind of the new page
story-add-page = Add a page to “{ $title }”
story-new-chapter = Title of a new chapter
story-add-chapter = Add the chapter
story-settings = Title, language and colours
story-page-empty = (still empty)
story-page-edit-title = Page { $n }: { $kind }
story-no-media = None
story-page-built = Forja builds this page by itself: there is nothing to write here.
story-media-processing = Some media are still being prepared. You can pick them now; they appear on the page when they are ready.
story-upload-media = Add pictures, videos, sounds or captions in the media library
story-preview = Preview
story-preview-of = Preview of page { $n }
page-kind-cover = Cover
page-kind-text = Text over a picture or video
page-kind-quote = Quote
page-kind-fact = Figure from a programme
page-kind-map = Map
page-kind-credits = Credits
page-kind-end = End
position-left = Left
position-centre = Centre
position-right = Right
field-subtitle = Line under the title
field-background = Background picture or video
field-text = Text
field-position = Where the text sits
field-overlay = How much the background is darkened under the text
field-words = Words said
field-speaker = Who said them
field-clip = Sound or video of the words
field-captions = Captions of the clip (WebVTT)
field-fact = Figure (programme and output)
field-language = Language
field-theme-background = Background colour
field-theme-text = Text colour
field-theme-accent = Colour of links and buttons
field-alt = Description of what it shows, for people who cannot see it
field-credit = Credit (author or owner)
field-licence = Licence
field-file = File
field-not-colour = Pick a colour, written as #rrggbb (such as #16181d).
field-low-contrast = Too faint on the background: contrast { $detail }:1, while at least 4.5:1 is needed to read it. Pick a darker or lighter colour.
field-not-empty = This chapter still has pages. Move or remove them first.
field-unfinished = These pages still miss words they need: { $detail }. Write them, then publish.
hint-text = Markdown: *italic*, **bold**, [link](https://…), blank line for a new paragraph.
hint-overlay = Stronger darkening keeps white text readable over bright pictures.
hint-theme-text = Checked against the background colour: it must reach 4.5:1.
media-library-title = Media library
media-upload = Add a file
media-file-hint = Pictures (JPEG, PNG, WebP), video, sound, or captions (WebVTT, SRT), up to { $mb } MB. Forja makes the sizes and formats browsers need.
media-upload-button = Upload
media-items = In the library
media-none = Nothing in the library yet.
media-what = What it is
media-status-queued = Waiting to be prepared
media-status-processing = Being prepared
media-status-ready = Ready
media-status-failed = Could not be prepared
media-progress = Progress of { $name }
media-retry = Try again
media-retry-named = Try preparing { $name } again
media-too-large = This file is larger than the upload limit. Make it smaller (shorter, or at a lower resolution) and upload it again.
media-upload-broken = The upload was interrupted. Choose the file and upload it again.
story-bar = Story tools
story-edit-pager = Other pages of this story to edit
story-page-made = made by Forja
media-focal-named = Focal point of { $name }: the part crops keep in view
media-focal-x = Across, from the left
media-focal-y = Down, from the top
media-focal-save = Save the focal point
field-translation-of = The same story in another language
story-no-translation = None: this story stands alone
stories-edit-link = Stories and media
city-stories = Stories
