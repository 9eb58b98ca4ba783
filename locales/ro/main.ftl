# Textele interfeței Forja, în română. Identificatorii sunt aceiași în toate limbile;
# un test eșuează dacă unei limbi îi lipsește vreunul.

## Site
site-name = Forja
site-tagline = Platforma deschisă a orașelor care învață: poveștile, strategiile, programele și progresul lor.
skip-to-content = Salt la conținut
nav-main-label = Principal
nav-language-label = Limbă
nav-home = Rețeaua
nav-cities = Orașe
nav-frameworks = Cadre de referință
nav-programmes = Programe
breadcrumb-label = Vă aflați aici
footer-about = Forja este software liber pentru orașele care învață și rețelele lor.
footer-sample = Cifrele marcate „exemplu” sunt date demonstrative, nu valori raportate.
footer-credits = Contururile țărilor: Natural Earth (domeniu public). Coordonatele și populația orașelor: GeoNames (CC BY 4.0).
sample-badge = exemplu
draft-badge = ciornă, de verificat

## Acasă
home-title = O rețea de orașe care învață
home-figures = Cifre-cheie
figure-cities = Orașe membre
figure-countries = Țări
figure-programmes = Programe
figure-since = Primul membru a aderat în
map-heading = Unde sunt membrii
map-title = Harta lumii cu orașele membre
map-description = { $count ->
    [one] O hartă a lumii cu arii echivalente, cu un oraș membru marcat.
    [few] O hartă a lumii cu arii echivalente, cu { $shown } orașe membre marcate.
   *[other] O hartă a lumii cu arii echivalente, cu { $shown } de orașe membre marcate.
}
map-caption = Proiecția Equal Earth. Țările cu orașe membre sunt colorate.
map-list-heading = Orașe membre
home-all-cities = Răsfoiți și filtrați toate orașele
member-since = membru din { $year }
member-since-date = membru din { $date }

## Orașe
cities-title = Orașe membre
cities-count = { $count ->
    [0] Niciun oraș nu corespunde.
    [one] Un oraș.
    [few] { $shown } orașe.
   *[other] { $shown } de orașe.
}
cities-none = Niciun oraș membru nu corespunde acestor filtre.
filter-country = Țara
filter-cluster = Grupul tematic
filter-any = Oricare
filter-apply = Arată orașele
filter-clear = Ștergeți filtrele
population-short = populație { $count }

## Oraș
city-sections-label = Despre acest oraș
city-strategy-link = Strategia de învățare
city-programmes-link = { $count ->
    [one] Un program
    [few] { $shown } programe
   *[other] { $shown } de programe
}
city-objectives-link = { $count ->
    [one] Vedeți obiectivul
    [few] Vedeți toate cele { $shown } obiective
   *[other] Vedeți toate cele { $shown } de obiective
}
city-history = Istoric
city-context = Context și provocări
city-strategy = Strategia de învățare
city-challenges = Provocări, așa cum le evaluează orașul
city-challenges-hint = Notate de la 1 (minoră) la 5 (gravă).
challenge-topic = Provocare
challenge-rating = Notă
challenge-rating-value = { $rating } din 5
city-at-a-glance = Pe scurt
city-country = Țara
city-population = Populație
city-area = Suprafață
area-km2 = { $area } km²
city-languages = Limbi vorbite
city-coordinates = Coordonate
city-clusters = Grupuri tematice
city-website = Site web
city-organisations = Organizații

## Strategie
strategy-vision = Viziune
strategy-objectives = { $count ->
    [one] Un obiectiv
    [few] { $shown } obiective
   *[other] { $shown } de obiective
}
strategy-addresses = Se leagă de
strategy-local-targets = Ținte locale
strategy-programmes = Programe care îl servesc
strategy-status-draft = ciornă
strategy-status-adopted = adoptată
strategy-status-under-revision = în revizuire
strategy-status-archived = arhivată
framework-short-kflc = KFLC
framework-short-guidelines = Ghid
framework-short-sdg = ODD
framework-short-clusters = Grup
framework-short-target-groups = Grup țintă

## Programe
programmes-title = Programele orașului { $city }
programmes-intro = Progresul unui program cu subprograme este media ponderată a progresului acestora.
programmes-none = Acest oraș nu a înscris încă niciun program.
status-planned = planificat
status-active = în desfășurare
status-completed = încheiat
status-suspended = suspendat
status-cancelled = anulat
progress-value = { $percent }% realizat
progress-none = fără cifră de progres
progress-source-reported = după raportare
progress-source-status = dedus din stadiu
progress-source-children = din subprogramele sale
programme-sample-grouping = Acest program este o grupare făcută pentru demonstrație; el și ponderile părților sale sunt ilustrative.
programme-progress = Progres
programme-about = Despre program
programme-children = Subprograme
programme-children-hint = Fiecare contează în progresul total după ponderea sa.
programme-column = Program
programme-weight = Pondere
programme-outputs = Rezultate
output-label = Rezultat
output-expected = Așteptat
output-reported = Raportat
output-source = Sursă
programme-milestones = Etape
milestone-done = Încheiată:
milestone-open = În curs:
programme-partners = Parteneri
partner-organisation = Organizație
partner-role = Rol
partner-role-lead = coordonator
partner-role-partner = partener
partner-role-funder = finanțator
partner-role-implementer = implementator
partner-role-host = gazdă
partner-contribution = Contribuție
programme-funding = Finanțare
funding-source = Sursă
funding-amount = Sumă
funding-unknown = nedeclarată
programme-facts = Date principale
programme-parent = Face parte din
programme-dates = Perioadă
programme-place = Loc
programme-target-groups = Grupuri țintă
programme-objectives = Obiective ale strategiei
org-kind-school = școală
org-kind-company = companie
org-kind-ngo = ONG
org-kind-university = universitate
org-kind-public-body = instituție publică
org-kind-cultural = instituție culturală
org-kind-other = organizație

## Cadre de referință
frameworks-title = Cadre de referință
frameworks-intro = Cadrele de care orașele își leagă obiectivele. Sunt date: personalul rețelei le poate corecta și completa, iar fiecare își păstrează versiunea.
framework-version = versiunea { $version }
framework-nodes = { $count ->
    [one] o intrare
    [few] { $shown } intrări
   *[other] { $shown } de intrări
}
node-objective = Obiectiv:
node-programme = Program:
node-children = Cuprinde
node-uses = Orașe care lucrează la acest subiect
node-unused = Niciun oraș membru nu a legat încă un obiectiv sau un program de acest subiect.
node-objectives = Obiective
node-programmes = Programe
node-kind-section = Secțiune
node-kind-area = Domeniu
node-kind-feature = Caracteristică
node-kind-goal = Obiectiv
node-kind-target = Țintă
node-kind-indicator = Indicator
node-kind-action-area = Domeniu de acțiune
node-kind-cluster = Grup tematic
node-kind-group = Grup țintă

## Limbi (după cod)
language-ro = română
language-en = engleză
language-de = germană
language-hu = maghiară
language-rom = romani
language-hr = croată
language-sr = sârbă
language-uk = ucraineană
language-fr = franceză

## Erori
error-not-found-title = Pagina nu a fost găsită
error-not-found-text = La această adresă nu se află nimic. Poate a fost mutată sau linkul are o greșeală.
error-bad-request-title = Ceva din adresă nu este corect
error-bad-parameter = Valoarea lui „{ $name }” nu este validă. Sunt permise: { $allowed }.
error-too-large-title = Prea multe date
error-too-large-text = Cererea a trimis mai multe date decât acceptă Forja. Trimiteți mai puțin și încercați din nou.
error-method-title = Această acțiune nu este posibilă aici
error-method-text = Această adresă poate fi doar citită. Folosiți legăturile din pagină.
error-internal-title = Ceva nu a mers bine la noi
error-internal-text = Problema a fost înregistrată. Încercați din nou peste câteva momente.
allowed-whole-number = un număr întreg de la 1 la { $max }
allowed-country = un cod de țară ISO 3166-1 din două litere, de exemplu RO
allowed-well-formed = valori bine formate; verificați adresa sau datele trimise
error-go-home = Mergeți la pagina rețelei
error-go-cities = Răsfoiți orașele membre

## Conturi
nav-login = Autentificare
nav-logout = Ieșire din cont
login-title = Autentificare
login-email = E-mail
login-password = Parolă
login-submit = Intrați în cont
login-help = Conturile sunt create de coordonatorul orașului sau de personalul rețelei.
login-refused = E-mailul sau parola nu sunt corecte. Verificați-le pe amândouă și încercați din nou.
login-throttled = Prea multe încercări. Așteptați { $seconds } secunde, apoi încercați din nou.
account-title = Contul dumneavoastră
account-email = E-mail
account-role = Rol
role-network-admin = administrator al rețelei
role-city-coordinator = coordonator al orașului
role-city-editor = editor al orașului
role-partner-editor = editor partener
role-reader = cititor
password-heading = Schimbați parola
password-current = Parola actuală
password-new = Parola nouă
password-repeat = Parola nouă, din nou
password-submit = Schimbați parola
password-rule = Cel puțin { $count } caractere. Câteva cuvinte se țin minte mai ușor decât simbolurile.
password-mismatch = Cele două parole noi diferă. Scrieți aceeași parolă de două ori.
password-wrong-current = Parola actuală nu este corectă.
password-too-short = Parola nouă trebuie să aibă cel puțin { $count } caractere.
password-too-long = Parola nouă este prea lungă; folosiți cel mult 1.024 de caractere.
sessions-heading = Unde sunteți conectat
sessions-text = Ieșirea de peste tot încheie toate sesiunile acestui cont, pe toate dispozitivele, inclusiv pe acesta.
sessions-end-all = Ieșiți de peste tot
tokens-heading = Tokenuri API
tokens-text = Un token permite unui program să folosească API-ul în numele dumneavoastră. Tokenurile de citire doar citesc; cele de scriere pot schimba ce permite rolul dumneavoastră.
token-name = Nume
token-scope = Acces
token-scope-read = citire
token-scope-write = scriere
token-created-on = Creat
token-last-used = Folosit ultima dată
token-actions = Acțiuni
token-revoked = revocat
token-revoke = Revocați
token-revoke-named = Revocați tokenul { $name }
token-create = Creați tokenul
token-created = Tokenul a fost creat.
token-shown-once = Copiați-l acum: este afișat doar de această dată.
token-name-invalid = Dați tokenului un nume de 1 până la 80 de caractere.
error-forbidden-title = Acțiune nepermisă
error-forbidden-text = Rolul dumneavoastră nu permite acest lucru. Cereți-l coordonatorului orașului, dacă aveți nevoie.
error-unauthenticated-title = Este nevoie de autentificare
error-unauthenticated-text = Trimiteți un token API valid, sub forma „Authorization: Bearer …”.
error-csrf-title = Formularul a expirat
error-csrf-text = Pentru siguranța dumneavoastră, formularul nu a fost acceptat. Reveniți, reîncărcați pagina și trimiteți-l din nou.
error-conflict-title = Modificat între timp
error-conflict-text = Cineva a salvat o versiune mai nouă cât timp editați. Comparați-le și salvați din nou.
error-invalid-title = Unele valori trebuie corectate
error-taken-title = Deja folosit
error-invalid-text = Corectați câmpurile marcate mai jos și trimiteți din nou.

## Editare
edit = Editați
save = Salvați
cancel = Renunțați
edit-programme-title = Editați „{ $title }”
field-title = Titlu
field-summary = Rezumat
field-description = Descriere
field-status = Stadiu
field-start-on = Data de început
field-end-on = Data de sfârșit
field-progress = Progres (%)
field-weight = Ponderea în programul-părinte
field-required = Completați acest câmp (în cel puțin o limbă).
field-too-long = Prea lung: cel mult { $detail } de caractere.
field-not-number = Scrieți un număr, de exemplu 40, 12,5 sau 81.228.
field-out-of-range = În afara limitelor: sunt permise { $detail }.
field-not-date = Scrieți data ca ZZ.LL.AAAA, de exemplu 24.11.2026.
field-end-before-start = Data de sfârșit este înaintea datei de început.
field-not-allowed = Nu este permis aici; sunt permise: { $detail }.
field-not-json = Trimiteți un obiect JSON în UTF-8, cu antetul Content-Type: application/json.
field-unknown = Acest câmp nu există; eliminați-l.
conflict-explain = Modificările sale la alte câmpuri sunt deja în formularul de mai jos, alături de ale dumneavoastră. Ați modificat amândoi câmpurile de aici: alegeți pentru fiecare ce valoare păstrați, apoi salvați. Nimic nu se salvează până atunci.
conflict-caption = Versiunea salvată și versiunea dumneavoastră, câmp cu câmp
conflict-field = Câmp
conflict-saved = Salvat acum
conflict-yours = Al dumneavoastră
delete-explain = Ștergerea vă cere mai întâi confirmarea; ce ați scris rămâne.
delete-this = Ștergeți
history-title = Istoric
history-deleted = Acest program este șters. Restaurați o versiune pentru a-l readuce.
history-from = Comparați versiunea
history-to = cu versiunea
history-version = versiunea { $version }
history-compare = Comparați
history-diff-heading = Modificări de la versiunea { $from } la versiunea { $to }
history-no-changes = Cele două versiuni sunt la fel.
history-versions = Toate versiunile
history-version-column = Versiune
history-what = Modificare
history-when = Când
history-who = Cine
history-current = actuală
history-restore = Restaurați
history-restore-version = Restaurați versiunea { $version }
history-imported = la încărcarea datelor
history-by-import = import de date
history-op-import = încărcată
history-op-update = editată
history-op-delete = ștearsă
history-op-restore = restaurată
deleted-title = Programe șterse
deleted-none = Niciun program al acestui oraș nu este șters.
deleted-restore-named = Restaurați { $title }

## Jurnal de audit
audit-title = Evenimente de securitate
audit-intro = Autentificări, eșecuri, schimbări de cont și de rol și folosirea tokenurilor API, cele mai noi întâi (ultimele 500).
audit-none = Niciun eveniment înregistrat încă.
audit-when = Când
audit-event = Eveniment
audit-who = Cont
audit-subject = Despre
audit-client = Adresa clientului
audit-event-login = autentificare
audit-event-login-failed = autentificare eșuată
audit-event-login-throttled = autentificare refuzată: prea multe încercări
audit-event-logout = ieșire din cont
audit-event-logout-everywhere = ieșire de peste tot
audit-event-password-changed = parolă schimbată
audit-event-password-reset = parolă resetată
audit-event-user-created = cont creat
audit-event-role-changed = rol schimbat
audit-event-token-created = token API creat
audit-event-token-revoked = token API revocat
audit-event-token-used = token API folosit

## Editarea unui oraș
edit-back = Înapoi
edit-city = Editați profilul
edit-city-title = Editați profilul orașului { $name }
field-name = Nume
field-history = Istoric
field-context = Context și provocări
field-website = Site web
field-population = Populație
field-population-year = Anul cifrei populației
field-area-km2 = Suprafață (km²)
field-languages = Limbi vorbite
hint-languages = Coduri de limbă separate prin virgule, de exemplu ro, de, hu.
hint-website = O adresă completă care începe cu https://
hint-progress = Între 0 și 100; lăsați gol pentru valoarea implicită a stadiului.
hint-weight = Între 0 și 1.000; cât contează acest program în progresul părintelui său.
new-programme = Program nou
new-programme-title = Un program nou
field-slug = Adresă (slug)
hint-slug = Litere mici, cifre și cratime; lăsați gol pentru a o forma din titlu sau din nume.
field-taken = Această valoare este deja folosită aici; alegeți alta.
history-op-create = creată

## Oamenii unui oraș
people-title = Oameni
people-link = Oameni și roluri
people-intro = Conturile acestui oraș. Coordonatorii adaugă oameni și le aleg rolurile; un editor partener editează doar programele organizației sale.
people-add = Adăugați o persoană
people-add-button = Adăugați
people-added = { $detail } se poate autentifica acum cu această parolă. Trimiteți-i-o pe o cale sigură; o poate schimba din pagina contului.
people-change = Schimbați
people-no-organisation = nicio organizație
people-organisation-hint = Necesar pentru un editor partener: organizația ale cărei programe le editează.
people-role-of = Rolul lui { $name }
people-organisation-of = Organizația lui { $name }
people-field-email = E-mail
people-field-name = Nume
people-field-role = Rol
people-field-organisation = Organizație

language-heading = Limba dumneavoastră
language-label = Limba interfeței
language-browser = Limba browserului

## Părțile unui program: trimiteri, rânduri și câmpurile lor
field-parent = Face parte din (programul-părinte)
field-objectives = Obiectivele strategiei pe care le servește
field-target-groups = Grupuri țintă
field-organisation = Organizație
field-role = Rol
field-contribution = Contribuție
field-source = Sursă
field-amount = Sumă
field-currency = Monedă
field-due-on = Termen
field-done = Realizat
field-code = Cod
field-label = Ce se numără
field-unit = Unitate
field-period = Perioadă
field-expected = Așteptat
field-reported = Raportat
hint-amount = Nu negativă, cel mult două zecimale, de exemplu 12.500 sau 12.500,50.
hint-outputs-code = Scurt și stabil, folosit de povești pentru a arăta această cifră; lăsat gol, se formează din descriere.
hint-code = Scurt, de exemplu O9; apare înaintea titlului.
hint-local-targets-code = De exemplu 4.c.RES.1: ținta ODD, orașul, un număr.
group-partners = Parteneri
group-funding = Finanțare
group-milestones = Etape
group-outputs = Rezultate: așteptate și raportate
row-partners = Partenerul { $n }
row-funding = Sursa de finanțare { $n }
row-milestones = Etapa { $n }
row-outputs = Rezultatul { $n }
add-partners = Adăugați un partener
add-funding = Adăugați o sursă de finanțare
add-milestones = Adăugați o etapă
add-outputs = Adăugați un rezultat
row-remove = Eliminați acest rând la salvare
pick-none = — niciunul —
pick-one = — alegeți —
field-not-a-choice = Alegeți una dintre variantele oferite aici; aceasta nu se află printre ele.
field-cycle = Un program nu poate face parte din el însuși sau dintr-una dintre propriile sale părți; alegeți alt părinte.
field-too-many = Prea multe rânduri: cel mult { $detail }.

## Strategia și obiectivele
edit-strategy = Editați strategia
edit-strategy-title = Editați strategia „{ $title }”
edit-objective-title = Editați obiectivul { $title }
edit-objective-link = Editați { $code }
history-of = Istoricul { $code }
new-objective-title = Obiectiv nou
objectives-heading = Obiective
add-objective = Adăugați un obiectiv
objective-deleted = { $title } (șters; deschideți-i istoricul pentru a-l restaura)
field-vision = Viziune
field-period-start = Primul an
field-period-end = Ultimul an
field-kflc = Caracteristicile-cheie ale orașelor care învață pe care le abordează
field-guidelines = Domeniile de acțiune din Ghid pe care le urmează
field-sdg = Obiectivele și țintele de dezvoltare durabilă pe care le servește
field-sdg-target = Țintă ODD
group-local-targets = Ținte locale
row-local-targets = Ținta locală { $n }
add-local-targets = Adăugați o țintă locală

## Organizații
organisations-link = Organizații
organisations-title = Organizațiile din { $city }
edit-organisation-title = Editați { $name }
new-organisation-title = Organizație nouă
add-organisation = Adăugați o organizație
deleted-organisations = Organizații șterse
field-kind = Tip
field-collective = Un grup numit de organizații, nu un singur organism
actions-heading = Acțiuni
edit-named = Editați { $name }
history-named = Istoricul pentru { $name }
history-restore-link = Istoric și restaurare
field-in-use = Este încă folosit de { $detail }; eliminați-l mai întâi de acolo, apoi ștergeți.

## Adăugarea orașelor membre
new-city-title = Adăugați un oraș membru
new-city-intro = Găsiți orașul printre localitățile lumii cu cel puțin 15.000 de locuitori: alegându-l, se completează țara, coordonatele și populația, pe care le puteți corecta.
new-city-find = Numele orașului
new-city-find-hint = Orice scriere: resita găsește Reșița.
new-city-search = Căutați
new-city-none = Nicio localitate cu cel puțin 15.000 de locuitori nu are acest nume. Completați formularul de mână.
new-city-add = Adăugați orașul
new-city-credit = Datele despre localități: GeoNames (geonames.org), CC BY 4.0.
add-member-city = Adăugați un oraș membru
field-latitude = Latitudine
field-longitude = Longitudine
field-geonames-id = Identificator GeoNames
field-joined-year = Anul aderării la rețea
field-default-locale = Limba în care scrie mai întâi
field-country = Țară
hint-default-locale = Un cod de limbă, de exemplu ro; textele nescrise în limba cititorului sunt afișate în aceasta.
allowed-short-text = un text de cel mult { $max } caractere
allowed-geonames-id = identificatorul unei localități găsite de căutarea de pe această pagină
write-strategy = Scrieți strategia de învățare
edit-node-title = Editați textele pentru „{ $title }”

## Povești
story-skip = Salt la poveste
story-chapters = Capitole
story-read-in = Citiți în { $language }
story-progress = Pagina { $n } din { $m }
story-nav = Pagini
story-previous = Pagina anterioară
story-next = Pagina următoare
story-first-page = Mergeți la prima pagină
story-credits = Mulțumiri și drepturi
story-credits-none = Fiecare imagine și fiecare sunet al acestei povești sunt trecute aici, cu autorul și licența lor. Această versiune nu are încă materiale media.
story-city-link = Mai multe despre oraș
story-fact-missing = Această cifră nu mai este raportată.
media-kind-image = Imagine
media-kind-video = Video
media-kind-audio = Sunet
media-kind-captions = Subtitrare
story-video-pause = Opriți videoclipul de fundal
story-video-play = Porniți videoclipul de fundal
story-share-link = Adresa acestei povești, de trimis mai departe
story-embed = Includeți-o în site-ul dumneavoastră (copiați acest cod)
story-sound-ask = Această poveste are voci. O citiți cu sunet?
story-sound-on = Cu sunet
story-sound-off = Fără sunet
story-mute = Fără sunet
story-map-title = Unde se află { $city }

## Story editor and media library
stories-title = Povești
stories-none = Orașul nu are încă povești. Începeți una mai jos.
story-pages = Pagini
story-draft-link = Vedeți ciorna
story-draft-named = Vedeți ciorna poveștii { $name }
story-draft-badge = Ciornă, nepublicată
story-new = Începeți o poveste nouă
story-create = Creați povestea
story-state-published = Publicată: cititorii văd această versiune.
story-state-published-older = Cititorii văd versiunea { $version }; schimbările de după sunt ciornă.
story-state-draft = Ciornă: nepublicată încă.
story-edit-title = Povestea: { $title }
story-conflict-explain = Altcineva a salvat povestea cât timp lucrați la ea. Vedeți acum ce a salvat acea persoană; schimbarea dumneavoastră nu a fost salvată, așa că faceți-o din nou.
story-publishing = Publicare
story-unfinished = Pagini cărora le lipsesc încă texte: { $pages }. Publicarea așteaptă până sunt scrise.
story-publish = Publicați versiunea { $version }
story-publish-coordinator = Doar coordonatorul orașului poate publica. Anunțați-l când povestea e gata.
story-outline = Capitole și pagini
story-outline-hint = Fiecare buton salvează imediat un pas. Cu JavaScript puteți și trage o pagină în alt loc; butoanele cu săgeți fac același lucru de la tastatură.
story-rename-chapters = Salvați titlurile capitolelor
row-chapter = Capitolul { $n }
row-page = Pagina { $n }
field-chapter-title = Titlul capitolului
story-chapter-up = Mutați capitolul „{ $title }” mai sus
story-chapter-down = Mutați capitolul „{ $title }” mai jos
story-chapter-remove = Ștergeți capitolul gol „{ $title }”
story-page-unfinished = lipsesc texte
story-page-up = Mutați pagina { $n } mai sus
story-page-down = Mutați pagina { $n } mai jos
story-page-remove = Ștergeți pagina { $n }
story-remove = Ștergeți
story-new-page-kind = Felul paginii noi
story-add-page = Adăugați o pagină în „{ $title }”
story-new-chapter = Titlul unui capitol nou
story-add-chapter = Adăugați capitolul
story-settings = Titlu, limbă și culori
story-page-empty = (încă goală)
story-page-edit-title = Pagina { $n }: { $kind }
story-no-media = Niciuna
story-page-built = Forja construiește singură această pagină: nu e nimic de scris aici.
story-media-processing = Unele fișiere sunt încă în pregătire. Le puteți alege de acum; apar pe pagină când sunt gata.
story-upload-media = Adăugați imagini, video, sunete sau subtitrări în biblioteca media
story-preview = Previzualizare
story-preview-of = Previzualizarea paginii { $n }
page-kind-cover = Copertă
page-kind-text = Text peste o imagine sau un video
page-kind-quote = Citat
page-kind-fact = Cifră dintr-un program
page-kind-map = Hartă
page-kind-credits = Credite
page-kind-end = Final
position-left = Stânga
position-centre = Centru
position-right = Dreapta
field-subtitle = Rândul de sub titlu
field-background = Imagine sau video de fundal
field-text = Text
field-position = Unde stă textul
field-overlay = Cât de mult se întunecă fundalul sub text
field-words = Cuvintele spuse
field-speaker = Cine le-a spus
field-clip = Sunetul sau video-ul cuvintelor
field-captions = Subtitrările clipului (WebVTT)
field-fact = Cifra (programul și rezultatul)
field-language = Limba
field-theme-background = Culoarea fundalului
field-theme-text = Culoarea textului
field-theme-accent = Culoarea legăturilor și butoanelor
field-alt = Descrierea a ceea ce arată, pentru cine nu poate vedea
field-credit = Credit (autor sau proprietar)
field-licence = Licență
field-file = Fișier
field-not-colour = Alegeți o culoare, scrisă #rrggbb (de exemplu #16181d).
field-low-contrast = Prea palidă pe fundal: contrast { $detail }:1, iar pentru citire e nevoie de cel puțin 4,5:1. Alegeți o culoare mai închisă sau mai deschisă.
field-not-empty = Capitolul are încă pagini. Mutați-le sau ștergeți-le întâi.
field-unfinished = Acestor pagini le lipsesc încă texte necesare: { $detail }. Scrieți-le, apoi publicați.
hint-text = Markdown: *cursiv*, **aldin**, [legătură](https://…), un rând gol pentru paragraf nou.
hint-overlay = O întunecare mai puternică păstrează textul alb lizibil peste imagini luminoase.
hint-theme-text = Verificată față de culoarea fundalului: trebuie să atingă 4,5:1.
media-library-title = Biblioteca media
media-upload = Adăugați un fișier
media-file-hint = Imagini (JPEG, PNG, WebP), video, sunet sau subtitrări (WebVTT, SRT), până la { $mb } MB. Forja face mărimile și formatele de care au nevoie browserele.
media-upload-button = Încărcați
media-items = În bibliotecă
media-none = Biblioteca e încă goală.
media-what = Ce este
media-status-queued = Așteaptă pregătirea
media-status-processing = În pregătire
media-status-ready = Gata
media-status-failed = Nu a putut fi pregătit
media-progress = Progresul pentru { $name }
media-failure-damaged = Fișierul este deteriorat sau incomplet. O nouă încercare nu ajută: încărcați din nou fișierul, eventual după ce s-a terminat de copiat, sau exportați-l din nou.
media-failure-not-media = Acest fișier nu este o imagine, un video, un sunet sau o subtitrare pe care Forja le poate citi. Încărcați în locul lui un JPEG, PNG, MP4, MP3 sau SRT.
media-failure-too-long = Înregistrarea este mai lungă decât poate folosi o pagină de poveste. Scurtați-o și încărcați varianta scurtă.
media-failure-too-many-pixels = Imaginea are mai mulți pixeli decât are nevoie orice ecran. Exportați-o mai mică (de exemplu 4.000 de pixeli lățime) și încărcați-o pe aceea.
media-failure-unsupported = Acest format de imagine nu poate fi citit încă aici. Exportați fotografia ca JPEG și încărcați-o pe aceea.
media-failure-not-utf8 = Codificarea textului subtitrării nu poate fi recunoscută. Salvați fișierul ca UTF-8 și încărcați-l din nou.
media-failure-timeout = Pregătirea fișierului a durat prea mult și a fost oprită. Încercați din nou; dacă nu reușește nici atunci, încărcați un fișier mai scurt sau mai mic.
media-failure-tool = Instrumentele media au eșuat la acest fișier. Încercați din nou; dacă nu reușește nici atunci, anunțați administratorul site-ului.
media-failure-storage = Fișierul nu a putut fi păstrat. Încercați din nou peste puțin timp.
media-failure-detail = Detalii:
field-retry-wont-help = O nouă încercare nu ajută: problema este chiar fișierul. Încărcați în schimb un fișier corectat.
media-retry = Încercați din nou
media-retry-named = Încercați din nou pregătirea pentru { $name }
media-too-large = Fișierul depășește limita de încărcare. Micșorați-l (mai scurt sau la rezoluție mai mică) și încărcați-l din nou.
media-upload-broken = Încărcarea s-a întrerupt. Alegeți fișierul și încărcați-l din nou.
story-bar = Instrumentele poveștii
story-edit-pager = Alte pagini de editat din această poveste
story-page-made = făcută de Forja
media-focal-named = Punctul central al { $name }: partea pe care decupările o păstrează
media-focal-x = Pe orizontală, de la stânga
media-focal-y = Pe verticală, de sus
media-focal-save = Salvați punctul central
field-translation-of = Aceeași poveste în altă limbă
story-no-translation = Niciuna: povestea e de sine stătătoare
stories-edit-link = Povești și media
city-stories = Povești
group-publish = Publicare
field-new-chapter = Titlul unui capitol nou
field-x = Pe orizontală, de la stânga
field-y = Pe verticală, de sus
field-op = Pasul
field-index = Locul în capitol
field-chapter = Capitolul
field-empty-file = Fișierul este gol (0 octeți). Nu s-a adăugat nimic: alegeți din nou fișierul, eventual după ce s-a terminat de descărcat sau de copiat.
field-not-media = Forja nu poate citi acest fișier ca imagine, video, sunet sau subtitrare. Nu s-a adăugat nimic: exportați-l ca JPEG, PNG, MP4, MP3 sau SRT și încărcați-l pe acela.
field-not-utf8 = Subtitrarea are o codificare a textului pe care Forja nu o recunoaște. Nu s-a adăugat nimic: deschideți fișierul într-un editor de text, salvați-l ca UTF-8 și încărcați-l din nou.
field-unsupported-picture = Imaginile { $detail } nu pot fi citite încă aici. Nu s-a adăugat nimic: exportați fotografia ca JPEG (pe iPhone: Configurări → Cameră → Formate → Cel mai compatibil) și încărcați-o pe aceea.
field-no-pages = Povestea nu are încă pagini: adăugați cel puțin una, apoi publicați.
stories-deleted = Povești șterse
story-delete = Ștergeți povestea
story-delete-hint = Cititorii nu o mai văd de îndată; istoricul păstrează fiecare versiune și o poate readuce ca ciornă.
conflict-saved-by = { $name } a salvat cât timp editați.
conflict-saved-by-at = { $name } a salvat pe { $when }, cât timp editați.
conflict-choose = Alegeți ce valoare păstrați.
conflict-keep-saved = Păstrați valoarea salvată
conflict-keep-mine = Păstrați-o pe a mea, ca în formularul de mai jos (o puteți schimba acolo)
conflict-someone = Cineva
conflict-empty = (gol)
field-ambiguous = Se poate citi în două feluri: { $grouped } (mii) sau { $decimal } (cu zecimale). Scrieți { $grouped } sau { $decimal }, după cum doriți.
field-no-such-day = Ziua aceasta nu există în calendar: verificați ziua și luna.
field-not-whole = Scrieți un număr întreg, fără zecimale.
field-too-many-decimals = Cel mult { $detail } zecimale.
hint-start-on = ZZ.LL.AAAA, de exemplu 24.11.2026.
hint-end-on = ZZ.LL.AAAA, de exemplu 24.11.2026.
hint-due-on = ZZ.LL.AAAA, de exemplu 24.11.2026.
delete-confirm-title = Ștergeți „{ $name }”?
delete-confirm-goes = Dispare imediat din toate paginile, pentru cititori și pentru editori.
delete-confirm-back = Nimic nu se pierde definitiv: fiecare versiune rămâne în istoric și poate fi readusă din
delete-confirm-unsaved = Modificările scrise și nesalvate rămân dacă vă întoarceți la editare; ștergerea renunță la ele.
delete-confirm-yes = Da, ștergeți
delete-confirm-no = Nu, înapoi la editare
figure-source-city = cifra orașului
figure-source-geonames = nomenclatorul GeoNames
figure-source-import = importat din { $source }
error-precondition-failed-title = Modificat de când l-ați citit
error-precondition-failed-text = Antetul If-Match numește o versiune care nu mai este cea salvată. Citiți din nou (current_version spune care este), apoi trimiteți modificarea cu noul ETag.
error-precondition-required-title = Spuneți ce versiune modificați
error-precondition-required-text = Trimiteți ETag-ul citit în antetul If-Match sau versiunea citită ca "version" (în corp sau, pentru DELETE și restaurare, în adresă).
error-media-type-title = Trimiteți JSON
error-media-type-text = Trimiteți corpul ca JSON în UTF-8, cu antetul Content-Type: application/json.
field-wrong-shape = Nu este ce primește acest câmp (vedeți schema cererii): { $detail }
field-pages-moved = Paginile poveștii au fost mutate cât timp o editați pe aceasta, așa că numărul ei poate numi acum altă pagină. Nu s-a salvat nimic; ce ați scris este păstrat mai jos: copiați-l, apoi deschideți din nou pagina din cuprins.
