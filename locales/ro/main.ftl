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
challenge-who-else = { $theme }: cine se mai confruntă cu ea?
peers-heading = Orașe asemănătoare
peers-title = Orașe asemănătoare cu { $city }
peers-more = Toate orașele asemănătoare și cum sunt comparate
peers-method = Forja compară ce spun orașele membre despre ele însele: mărimea, regiunea UNESCO, limbile, grupurile tematice, provocările comune pe care le evaluează și indicatorii la care progresează. Două orașe sunt comparate doar pe ce au spus amândouă (distanța Gower), iar lista pune întâi orașele care se potrivesc cu cea mai mare parte din profilul acestui oraș.
peers-weights-note = Provocările evaluate contează dublu; cât contează fiecare parte este o setare a rețelei, nu o judecată despre orașe.
peers-none = Niciun alt oraș membru nu poate fi încă comparat cu acesta.
peers-no-reason = Asemănătoare în ce au spus amândouă, deși nimic nu iese în evidență.
peers-compared = Comparat pe { $percent } % din ce spune acest oraș despre el
peers-not-described = încă nedescris
peers-hidden-note = Acest oraș a cerut să nu fie propus altor orașe. El vede în continuare orașele asemănătoare.
peers-hidden-short = Acest oraș nu este propus altora.
peer-similar-size = mărime asemănătoare ({ $mine } și { $theirs } de locuitori)
peer-both-severe = amândouă evaluează „{ $challenge }” cu { $mine } și { $theirs } din 5
peer-shared-clusters = amândouă în { $clusters }
peer-both-improving = amândouă progresează la: { $indicator }
peer-both-strong = amândouă se consideră puternice la { $area }
peer-same-region = amândouă în { $region }
peer-same-income = amândouă în grupul de venit { $group }
peer-shared-languages = amândouă folosesc { $languages }
list-and = { $head } și { $last }
who-heading = Cine a făcut asta?
who-title = Cine a făcut asta: { $topic }
who-link = Cine a făcut asta? Orașele, după ce au de arătat
who-method = Întâi vin orașele cu o bună practică publicată pe această temă (cu atât mai mult dacă alte orașe au preluat-o), apoi cele cu programe care raportează rezultate, apoi cele cu programe, apoi cele a căror strategie o numește; pentru o provocare, contează și cât de gravă o consideră orașul.
who-none = Niciun oraș membru nu și-a legat încă strategia, programele sau provocările de aceasta.
who-rates = evaluează „{ $words }” cu { $rating } din 5
who-objective = Obiectiv:
who-programme = Program:
who-practice = Bună practică:
who-city-programmes = { $count ->
    [one] derulează un program
    [few] derulează { $shown } programe
   *[other] derulează { $shown } de programe
}
who-reported = { $count ->
    [one] un rezultat cu o cifră raportată
    [few] { $shown } rezultate cu cifre raportate
   *[other] { $shown } de rezultate cu cifre raportate
}
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
statuses-title = Ce spun stadiile programelor despre progres
statuses-intro = Când un program nu are nici rezultate cu cifre, nici o cifră introdusă de cineva, doar stadiul lui îi dă progresul. Rețeaua stabilește ce spune fiecare stadiu; un stadiu care nu spune nimic arată „încă nicio cifră”, nu o jumătate de drum inventată.
statuses-status = Stadiu
statuses-says = Progresul pe care îl dă
statuses-actions = Acțiuni
statuses-progress = { $percent } %
statuses-nothing = nimic („încă nicio cifră”)
statuses-edit = Schimbați ce spune „{ $status }”
statuses-history = Istoricul pentru „{ $status }”
statuses-edit-title = Ce spune un stadiu de program despre progres
statuses-link = Ce spun stadiile programelor despre progres
field-default-progress = Progresul pe care îl dă (%)
hint-default-progress = De la 0 la 100; lăsați gol când stadiul nu spune nimic despre cât a avansat programul.
progress-value = { $percent }% realizat
progress-none = încă nicio cifră
progress-source-reported = după raportare
progress-source-status = dedus din stadiu
progress-source-children = din subprogramele sale
progress-source-outputs = realizat ÷ planificat, din rezultatele sale
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
node-kind-challenge = Provocare comună

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
error-go-own-city = Înapoi la { $city }, orașul dumneavoastră
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
nav-dashboard = Panou
dashboard-title = Panoul dumneavoastră
dashboard-title-city = Activitatea dumneavoastră în { $city }
dashboard-you-are = Sunteți { $role }.
dashboard-tasks = Ce puteți face
dashboard-nothing = Rolul dumneavoastră vă permite să citiți tot, fără să modificați ceva. Coordonatorul orașului vă poate da un rol de editare.
dashboard-to-publish = Așteaptă publicarea
dashboard-unpublished = Povești cu modificări pe care cititorii nu le văd încă
dashboard-story-changed = modificată după publicare
dashboard-story-never = nepublicată încă
dashboard-see-city = Vedeți { $city } ca un cititor
role-for-city-network-admin = administrator al rețelei
role-for-city-city-coordinator = coordonator pentru { $city }
role-for-city-city-editor = editor pentru { $city }
role-for-city-partner-editor = editor partener în { $city }
role-for-city-reader = cititor în { $city }
task-profile = Profilul orașului
task-strategy = Strategia și obiectivele
task-programmes = Programe
task-organisations = Organizații
task-stories = Povești
task-media = Biblioteca media
task-people = Persoane și roluri
task-new-city = Adăugați un oraș membru
task-frameworks = Cadre de referință
task-audit = Jurnal de securitate
task-hint-profile = Nume, istorie, cifre și limbi.
task-hint-strategy = Strategia de învățare, obiectivele și țintele lor.
task-hint-programmes = Programe cu partenerii, finanțarea, etapele și rezultatele lor.
task-hint-organisations = Partenerii pe care îi numesc programele.
task-hint-stories = Poveștile multimedia ale orașului, în lucru și publicate.
task-hint-media = Imagini, videoclipuri, sunete și subtitrări pentru povești.
task-hint-people = Cine poate edita și cu ce rol.
task-hint-new-city = Un oraș care intră în rețea, pornind de la numele locului.
task-hint-frameworks = Trăsăturile cheie UNESCO, Ghidurile și ODD.
task-hint-audit = Autentificări, schimbări de rol și alte evenimente de securitate.
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
hint-alt = Ce trebuie să afle cineva care nu o poate vedea: cine sau ce apare și de ce contează aici. Cel mult 600 de caractere.
hint-area-km2 = În kilometri pătrați, cu virgulă sau punct zecimal, de exemplu 202,6.
hint-background = O imagine sau un videoclip din biblioteca orașului, afișat în spatele textului.
hint-captions = Subtitrarea clipului (SRT sau WebVTT din bibliotecă), afișată în timpul redării.
hint-clip = O înregistrare a cuvintelor din bibliotecă: un sunet sau un videoclip scurt.
hint-collective = Bifați pentru un grup cu nume (o rețea, un consiliu al școlilor), nu pentru o singură instituție.
hint-hidden-from-peers = Orașul vede în continuare orașele asemănătoare; celelalte nu îl văd în listele lor.
hint-context = De unde pornește orașul: provocările sale și ce există deja.
hint-contribution = Ce aduce această organizație: oameni, spații, bani sau experiență.
hint-country = Țara în care se află orașul.
hint-credit = Cine a realizat-o sau îi aparține, așa cum trebuie să apară la mulțumiri.
hint-currency = Moneda sumelor, de exemplu RON sau EUR.
hint-description = Câteva propoziții pentru cititorii care nu o cunosc încă.
hint-done = Ce s-a realizat până acum, în unitatea de măsură.
hint-expected = Ce și-a propus programul să atingă, în unitatea de măsură.
hint-fact = Un rezultat numărat al unui program; pagina arată cifra cea mai recentă.
hint-geonames-id = Numărul orașului pe geonames.org, pentru poziția și vecinii săi.
hint-guidelines = Domeniile de acțiune din Ghidurile UNESCO pe care le urmează acest obiectiv.
hint-history = Istoria orașului în câteva paragrafe; se poate folosi Markdown.
hint-joined-year = Patru cifre, de exemplu 2022.
hint-kflc = Trăsăturile cheie ale orașelor care învață la care răspunde.
hint-kind = Ce fel de lucru este.
hint-label = Ce numără cifra, de exemplu „tineri instruiți”.
hint-language = Limba în care este scrisă sau vorbită.
hint-latitude = Grade nord, între −90 și 90, de exemplu 45,30.
hint-licence = Condițiile în care alții o pot folosi, de exemplu CC BY 4.0.
hint-longitude = Grade est, între −180 și 180, de exemplu 21,89.
hint-name = Numele sub care o cunosc oamenii.
hint-objectives = Obiectivele strategiei orașului pe care le servește acest program.
hint-organisation = Una dintre organizațiile orașului.
hint-parent = Programul mai mare din care face parte, dacă există.
hint-period = Anii pe care îi acoperă strategia.
hint-period-end = Patru cifre, nu înainte de primul an.
hint-period-start = Patru cifre, de exemplu 2022.
hint-population = Un număr întreg, de exemplu 73.282.
hint-population-year = Anul în care a fost numărată populația, patru cifre.
hint-position = În stânga, la centru sau în dreapta ecranului pe un afișaj mare; pe telefon textul ocupă toată lățimea.
hint-reported = Când a fost numărată ultima dată cifra: AAAA-LL-ZZ.
hint-role = Ce face organizația în acest program.
hint-sdg = Obiectivele de dezvoltare durabilă și țintele pe care le servește.
hint-sdg-target = O țintă ODD, de exemplu 4.3.
hint-source = De unde provine cifra, ca cititorii să o poată verifica.
hint-speaker = Numele persoanei sau o descriere, dacă nu dorește să fie numită.
hint-status = Stadiul în care se află acum programul.
hint-subtitle = Un rând scurt care spune despre ce este povestea.
hint-summary = Una sau două propoziții afișate în liste și în previzualizarea linkurilor.
hint-target-groups = Oamenii cărora li se adresează programul.
hint-theme-accent = Se verifică față de culoarea de fundal: trebuie să atingă 4,5:1.
hint-theme-background = Culoarea din spatele textului poveștii, scrisă #rrggbb.
hint-title = Scurt și clar; cel mult 200 de caractere.
hint-translation-of = Legați povestea de traducerea ei, ca cititorii să poată schimba limba.
hint-unit = Ce sunt cifrele: o pondere, un număr, o rată la 1.000, bani, un indice sau da/nu.
hint-definition = Ce se numără, în cuvinte pe care le înțelege orice locuitor.
hint-period-note = Perioada pe care o acoperă o valoare, de pildă ultimele 12 luni: valorile pe perioade diferite nu se compară.
hint-methodology = Cum se obține o valoare din sursele ei.
hint-decimals = Câte zecimale arată paginile și tabelele (0–6).
hint-better = Evaluarea progresului are nevoie de asta: dacă o valoare mai mare e mai bună, una mai mică, sau niciuna (doar context, fără evaluare).
hint-periodicity = Cât de des se așteaptă o valoare nouă.
hint-dimensions = Grupele după care se poate defalca o valoare. O grupă folosită de valori salvate nu poate fi scoasă.
hint-disclosure-threshold = Numărul de persoane sub această valoare apare în public ca „mai puțin de”; gol: fără protecție.
hint-disclosure-round = Opțional, rotunjește valorile publice la un multiplu al acestui număr; gol: exact.
hint-outputs-unit = În ce se măsoară cifrele, de exemplu persoane, ore sau evenimente.
hint-vision = Unde vrea să ajungă orașul, în câteva propoziții.
hint-words = Cuvintele așa cum au fost spuse; cel mult 1.200 de caractere.
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
field-definition = Definiție
field-period-note = Perioada de referință
field-methodology = Cum se calculează
field-decimals = Zecimale afișate
field-better = În ce sens e mai bine
field-periodicity = Cât de des se măsoară
field-dimensions = Defalcat după
field-disclosure-threshold = Protejează valorile sub
field-disclosure-round = Rotunjește valorile publice la
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
field-hidden-from-peers = Nu propune acest oraș altor orașe ca partener asemănător
actions-heading = Acțiuni
edit-named = Editați { $name }
history-named = Istoricul pentru { $name }
history-restore-link = Istoric și restaurare
field-in-use = Este încă folosit de { $detail }; eliminați-l mai întâi de acolo, apoi ștergeți.
field-has-data = Valori salvate depind de asta: { $detail }. Corectați sau anulați mai întâi acele valori (un import se poate anula în întregime), apoi schimbați.

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
edit-indicator-title = Editați indicatorul „{ $title }”

## Povești
story-skip = Salt la poveste
story-chapters = Capitole
story-read-in = Citiți în { $language }
story-progress = Pagina { $n } din { $m }
story-nav = Pagini
story-previous = Pagina anterioară
story-next = Pagina următoare
story-previous-short = Anterioară
story-next-short = Următoare
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
story-video-sound = Ascultați videoclipul de fundal
story-share-link = Adresa acestei povești, de trimis mai departe
story-embed = Includeți-o în site-ul dumneavoastră (copiați acest cod)
story-sound-ask = Această poveste are voci. O citiți cu sunet?
story-sound-on = Cu sunet
story-sound-off = Fără sunet
story-mute = Sunet oprit
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
story-publish = Publicați aceste modificări
story-publish-hint = Cititorii vor vedea apoi povestea așa cum este acum (versiunea { $version }); versiunea pe care o văd azi rămâne în istoric.
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
story-contrast-low = Textul peste această imagine se citește greu: contrastul scade la { $ratio }:1 pe telefon sau laptop, iar nevoie este de 4,5:1. Întunecați imaginea la { $overlay } % sau mai mult ori mutați punctul de interes pe o parte mai liniștită.
story-contrast-hopeless = Textul peste această imagine se citește greu (contrast { $ratio }:1, nevoie este de 4,5:1) și nicio întunecare oferită nu ajunge: alegeți o imagine mai liniștită.
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
media-focal-hint = Punctul în jurul căruia este decupată imaginea pe orice ecran: faceți clic pe imagine sau alegeți-l mai jos.
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
field-wrong-step = Acest pas nu urmează din stadiul în care se află acum practica („{ $detail }”): reîncărcați pagina ca să vedeți pașii posibili.
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

## Monitorizare
monitoring-title = Monitorizare
monitoring-intro = Toți indicatorii pe care orașul îi măsoară, cu ultima valoare, direcția în care merg și cum stau față de țintă, grupați după obiectivele strategiei.
monitoring-sample-note = Cifrele marcate drept exemplu sunt inventate pentru a arăta ce poate face platforma: nu sunt date raportate.
monitoring-true-values = Vedeți valorile mici așa cum sunt, pentru că editați acest oraș. Publicul le vede protejate.
monitoring-breakdown = Defalcare
monitoring-all = Toate (total)
monitoring-show = Arată
monitoring-total = Total
monitoring-no-data = Încă nu există date
monitoring-none = Acest oraș nu are încă indicatori cu date.
monitoring-table-caption = Valorile din grafic
monitoring-period = Perioada
monitoring-value = Valoarea
monitoring-status = Stare
monitoring-note = Notă
monitoring-from-programme = Raportat de programul „{ $programme }”.
monitoring-protected-note = Pentru a-i proteja pe cei numărați, valorile sub prag apar ca „mai puțin de …”, iar acolo unde un total ar dezvălui o astfel de valoare, este ascunsă încă o valoare.
monitoring-about = Despre acest indicator
monitoring-group-by = Grupați indicatorii după
monitoring-by-objective = obiectivele orașului
monitoring-by-kflc = Caracteristicile cheie ale orașelor care învață (arie)
monitoring-by-sdg = Obiectivele de dezvoltare durabilă (obiectiv)
monitoring-other-by-objective = Nelegați de un obiectiv
monitoring-other-by-kflc = Nelegați de o caracteristică cheie
monitoring-other-by-sdg = Nelegați de un ODD
monitoring-indicator = Indicator
monitoring-latest = Ultima valoare
monitoring-trend = Tendință
monitoring-link = Monitorizare
trend-up = în creștere
trend-down = în scădere
trend-level = constantă
figure-fewer-than = mai puțin de { $n }
figure-withheld = ascunsă
unit-percent-value = { $n } %
unit-per-1000-value = { $n } ‰
unit-yes = da
unit-no = nu
unit-percent = procent
unit-count = număr
unit-per-1000 = la 1.000 de locuitori
unit-currency = sumă de bani
unit-index = indice
unit-yes-no = da sau nu
better-higher = mai mare este mai bine
better-lower = mai mic este mai bine
better-neither = niciuna: context, nu se evaluează
periodicity-yearly = în fiecare an
periodicity-school-year = în fiecare an școlar
periodicity-half-yearly = în fiecare semestru
periodicity-quarterly = în fiecare trimestru
periodicity-monthly = în fiecare lună
periodicity-irregular = neregulat
obs-status-normal = definitivă
obs-status-provisional = provizorie
obs-status-estimated = estimată
obs-status-break = întrerupere de serie
chart-target-label = Ținta: { $value } până în { $year }
chart-desc-range = Valori de la { $from } la { $to }.
chart-desc-one = O singură valoare: { $value }.
chart-desc-none = Nicio valoare de arătat.
chart-by = După { $dimension }, { $period }
chart-legend = Punctele pline sunt valori definitive, cele goale valori provizorii sau estimate; o linie verticală punctată marchează o întrerupere de serie, linia orizontală punctată ținta.
rating-heading = Progres
rating-status-target-achieved = Țintă atinsă
rating-status-substantial-progress = Pe drumul cel bun
rating-status-moderate-progress = Progres, dar e nevoie de accelerare
rating-status-limited-progress = Progres limitat sau deloc
rating-status-deterioration = Se îndepărtează de țintă
rating-status-not-available = Neevaluat
rating-unavailable-no-data = Nu există încă nicio valoare de evaluat.
rating-unavailable-duplicate-year = Două valori au același an, așa că nu e clar care contează.
rating-unavailable-base-after-latest = Nu există nicio valoare în anul de bază sau după el.
rating-unavailable-one-point-only = Un singur an de date de la anul de bază: o schimbare are nevoie de cel puțin doi.
rating-unavailable-sign-change = Valorile își schimbă semnul, așa că o rată de creștere nu are sens.
rating-numbers-hidden = Valorile din spatele acestei evaluări sunt mici, așa că nu sunt arătate aici.
rating-explain-achieved = Ultima valoare, { $latest }, atinge deja ținta (baza { $base }).
rating-explain-change = De la { $base } la { $latest }.
rating-explain-target = Valoarea s-a schimbat cu { $observed } pe an; atingerea țintei cere { $required }.
rating-explain-no-target = Valoarea s-a schimbat cu { $observed } pe an. Fără o valoare țintă, 1,5 % pe an sau mai mult în direcția bună înseamnă drumul cel bun.
rating-ratio = raportul dintre ele: { $ratio }
rating-method = Evaluat prin metoda Statistics Canada, așa cum o calculează Open SDG
rating-local-target = ținta locală { $code }
rating-no-target = Nicio țintă stabilită: nu se evaluează.
rating-not-rated-neither = Aici nici mai mare, nici mai mic nu e mai bine: nu se evaluează.
rating-none-short = neevaluat
target-none-base = Evaluat din { $year }, fără valoare țintă
indicator-unit = Unitate
indicator-better = În ce direcție e mai bine
indicator-periodicity = Măsurat
indicator-period-note = Perioada de referință
indicator-source = Sursa
indicator-methodology = Cum se calculează
indicator-computed = Se calculează din
indicator-computed-note = Se calculează la fiecare afișare; o perioadă sau o grupă care lipsește din oricare parte nu are valoare.
indicator-reporters = Raportat de
indicator-edit-link = Editați acest indicator
indicator-disclosure = Valori mici
indicator-disclosure-rule = În public, valorile sub { $n } apar ca „mai puțin de { $n }”.
indicator-links = Legat de
indicator-compare-link = Comparați orașele rețelei
indicators-title = Catalogul de indicatori
indicators-intro = Indicatorii pe care orașele rețelei îi pot raporta, cu unitățile, perioadele de referință și legăturile cu ODD și cu Caracteristicile cheie ale orașelor care învață.
indicators-cities = Orașe cu date
compare-city = Oraș
compare-none = Niciun oraș nu are încă date pentru acest indicator.
compare-years-differ = Ultimele valori ale orașelor sunt din ani diferiți: fiecare apare cu anul său.
compare-not-comparable = Măsoară același obiectiv pe o altă perioadă de referință, așa că cifrele lui apar separat și nu se compară cu cele de mai sus:
import-link = Importă date
nav-indicators = Indicatori

## Importul datelor
import-title = Importă date
import-intro = Aduceți valori dintr-o foaie de calcul salvată ca CSV: un fișier Open SDG (Year, coloane de defalcare, Value; o celulă goală înseamnă totalul), SDMX-CSV 1.0 sau 2.0, ori exportul Forja. Vedeți mai întâi ce ar schimba fișierul; nimic nu se salvează până nu confirmați, iar un import poate fi anulat în întregime.
import-file = Fișier de date (CSV)
import-file-hint = Un registru Excel (.xlsx, prima foaie) sau un fișier text separat prin virgulă, punct și virgulă sau tab (UTF-8, Windows-1250 sau ISO-8859-2). Până la { $mb } MB.
import-mark = Separatorul zecimal
import-mark-hint = Lăsați „găsește-l” dacă fișierul nu este refuzat cu o întrebare despre el.
import-mark-auto = Găsește-l din fișier
import-mark-comma = virgulă (40,5)
import-mark-point = punct (40.5)
import-indicator = Indicatorul unui fișier fără coloana Indicator
import-indicator-none = Fișierul are coloana Indicator
import-check = Verifică fișierul
import-confirm = Importă aceste valori
import-summary = Ce ar face acest fișier
import-summary-done = Importat
import-created = valori noi
import-updated = valori schimbate
import-unchanged = valori deja salvate
import-deleted = valori eliminate
import-rejected = rânduri refuzate
import-read-as = Citit ca { $format }, { $encoding }, separat prin „{ $separator }”.
import-read-mark = Separatorul zecimal: { $mark }.
import-ignored = Coloane necitite: { $columns }.
import-rejects-title = Rânduri de corectat
import-rejects-more = …și încă { $count }. Corectați-le întâi pe acestea, apoi verificați din nou fișierul.
import-rejects-fix = Nu se salvează nimic cât timp un rând este refuzat: corectați aceste rânduri în fișier și verificați-l din nou.
import-nothing = Toate valorile din acest fișier sunt deja salvate: nu e nimic de importat.
import-line = Rândul
import-column = Coloana
import-what = Ce trebuie corectat
import-history = Importuri
import-history-none = Niciun import încă.
import-when = Când
import-who = De către
import-undo = Anulează acest import
import-undone = anulat
import-undone-done = Importul a fost anulat: valorile lui sunt ca înainte.
import-changed-since = Acest import nu poate fi anulat: { $count } dintre valorile lui au fost schimbate între timp. Anulați întâi importurile ulterioare.
import-staged-missing = Fișierul verificat nu mai este aici (se păstrează o zi). Alegeți-l din nou.
import-reason-unknown-indicator = Niciun indicator nu are codul „{ $code }”: verificați-l în catalogul de indicatori.
import-reason-computed = „{ $code }” se calculează din { $numerator } ÷ { $denominator } de fiecare dată când e afișat, deci nu se poate importa: importați în schimb valorile pentru { $numerator } și { $denominator }.
import-reason-not-reported = Organizația dumneavoastră nu raportează „{ $code }” pentru acest oraș, deci rândul nu se poate importa: scoateți-l din fișier sau cereți editorilor orașului să vă adauge organizația printre cei care raportează indicatorul.
import-reason-not-a-dimension = { $indicator } nu se defalcă după { $dimension }: lăsați această celulă goală.
import-reason-unknown-code = „{ $code }” nu este unul dintre codurile pentru { $dimension }.
import-reason-period = „{ $text }” nu este o perioadă: scrieți un an (2023), un semestru (2023-S1), un trimestru (2023-Q1), o lună (2023-M01) sau un an școlar (2023/2024).
import-reason-no-value = Valoarea lipsește: scrieți un număr sau ștergeți rândul.
import-reason-not-a-number = „{ $text }” nu este un număr.
import-reason-unit-not-a-number = Valoarea nu este un număr utilizabil: trebuie să fie sub un milion de miliarde.
import-reason-unit-percent = Un procent este între 0 și 100.
import-reason-unit-count = Un număr de persoane sau lucruri este întreg, 0 sau mai mare.
import-reason-unit-per-1000 = O rată la 1.000 este între 0 și 1.000.
import-reason-unit-yes-no = Scrieți 1 pentru da sau 0 pentru nu.
import-reason-status = „{ $text }” nu este o stare: lăsați gol sau scrieți A (definitivă), P (provizorie), E (estimată) ori B (întrerupere de serie).
import-reason-sample = „{ $text }” nu spune dacă valoarea este un exemplu: scrieți da sau nu.
import-reason-action = „{ $text }” nu este o acțiune SDMX: scrieți I, A, R sau D.
import-reason-duplicate = Același indicator, aceeași perioadă și defalcare ca pe rândul { $line }: păstrați unul dintre ele.
import-reason-short = Rândul are mai puține celule decât antetul.
import-file-empty = Fișierul este gol.
import-file-binary = Acesta nu este nici fișier text, nici registru Excel (.xlsx): salvați foaia de calcul ca „Registru Excel” sau „CSV UTF-8” și alegeți acel fișier.
import-file-encoding = Caracterele fișierului par să fie { $encoding }, care nu se citește aici: salvați-l ca „CSV UTF-8”.
import-file-no-separator = Nu s-a găsit un separator de coloane: coloanele fișierului trebuie separate prin virgule, punct și virgulă sau tab.
import-file-no-value-column = Lipsește coloana valorilor: numiți-o Value (sau OBS_VALUE în SDMX).
import-file-no-time-column = Lipsește coloana perioadei: numiți-o Year (sau TIME_PERIOD în SDMX).
import-file-duplicate-column = Coloana „{ $name }” apare de două ori.
import-file-unknown-column = Coloana „{ $name }” nu este nici o defalcare cunoscută de rețea, nici o coloană obișnuită în fișiere: redenumiți-o sau ștergeți-o.
import-file-no-indicator = Fișierul nu are coloana Indicator: adăugați-o sau alegeți indicatorul pentru care este.
import-mark-mixed = Rândul { $point } scrie zecimalele cu punct, iar rândul { $comma } cu virgulă: pe care îl folosește fișierul? Alegeți separatorul zecimal.
import-mark-unsure = Valori ca cea de pe rândul { $line } se citesc în două feluri (12,345 înseamnă douăsprezece mii sau doisprezece și ceva): alegeți separatorul zecimal al fișierului.
import-mark-contradicts = Rândul { $line } se poate citi doar cu celălalt separator zecimal decât { $declared }: verificați alegerea.
import-file-unreadable = Fișierul nu a putut fi citit până la capăt: poate s-a întrerupt încărcarea. Încercați din nou.
import-read-as-sheet = Citit din foaia „{ $sheet }” a unui registru Excel.
import-sheet-unreadable = Registrul nu a putut fi deschis: salvați-l din nou ca registru Excel (.xlsx) și alegeți acel fișier. Fișierele .xls mai vechi și alte formate nu se citesc.
import-sheet-empty = Foaia „{ $sheet }”, prima din registru, este goală: puneți datele pe prima foaie, cu numele coloanelor pe primul rând.
import-sheet-formula = Celula { $cell } din foaia „{ $sheet }” este o formulă. Importul ia doar valori: copiați foaia, lipiți-o ca valori și alegeți acel fișier.
import-sheet-merged = Celulele { $cells } din foaia „{ $sheet }” sunt îmbinate: separați-le și scrieți valoarea pe fiecare rând căruia îi aparține.
import-file-invalid = Fișierul de date nu poate fi importat: { $detail }
strategy-indicators = Măsurat prin
output-not-reported = încă neraportat
downloads-title = Descărcați datele
download-tidy-csv = CSV (formatul Open SDG; se importă înapoi neschimbat)
download-sdmx-csv = SDMX-CSV 2.0
download-json = JSON
download-protected = Descărcările protejează valorile mici la fel ca această pagină: valoarea lor lipsește, iar starea de confidențialitate spune de ce.
import-row-refused = { $detail }
entry-title = Introduceți valori
entry-intro = Scrieți sau corectați valorile orașului: un rând pe perioadă, o coloană pe grup. Numerele se scriu ca în română (1.234,5). O celulă goală îi șterge valoarea. Nu se salvează nimic cât timp o celulă este greșită.
entry-computed = Acest indicator se calculează din alți doi la fiecare afișare, deci nu are valori proprii de introdus. Introduceți valorile părților lui:
reporters-title = Cine raportează acest indicator
reporters-intro = Organizațiile alese aici raportează indicatorul pentru oraș: editorii lor parteneri pot introduce și importa valorile lui, și nimic altceva din datele orașului.
reporters-legend = Organizațiile orașului
reporters-save = Salvați cine raportează
reporters-none = Orașul nu are încă organizații: adăugați-le mai întâi pe pagina organizațiilor.
reporters-conflict = Cineva a schimbat datele sau raportorii acestui indicator în timp ce alegeați: mai jos este ce e salvat acum. Alegeți din nou și salvați.
reporters-invalid = Alegeți dintre organizațiile orașului.
data-history-title = Istoricul datelor
data-history-intro = Fiecare schimbare a datelor de monitorizare ale orașului, cele mai noi primele: un import e un singur rând oricâte valori ar avea și se poate anula din lista importurilor.
data-history-none = Nu s-a schimbat încă nimic.
data-history-typed = Valori introduse la { $indicator }: { $count }
data-history-reporters = Au fost alese organizațiile care raportează { $indicator }
data-history-import = Importat { $file }: { $created } noi, { $changed } schimbate sau șterse
data-history-undone = Importul { $file } a fost anulat
data-history-system = Forja (date demo)
data-history-link = Istoricul datelor
entry-layout = Așezarea tabelului
entry-across = Coloane după
entry-caption = Valori ({ $unit })
entry-new-row = Perioadă nouă { $n }
entry-hint = O perioadă nouă: scrieți-o în prima celulă a unui rând gol (2026, 2026-Q1, 2026/2027), apoi valorile ei.
entry-save = Salvează valorile
entry-cancel = Înapoi la indicator
entry-errors = { $count ->
    [one] O celulă trebuie corectată; nu s-a salvat nimic.
    [few] { $count } celule trebuie corectate; nu s-a salvat nimic.
   *[other] { $count } de celule trebuie corectate; nu s-a salvat nimic.
}
entry-conflicts = Altcineva a salvat alte valori în celulele marcate cât timp scriați. Verificați-le: salvați din nou pentru a le păstra pe ale dumneavoastră.
entry-changed = Salvat între timp de altcineva: { $value }. Salvați din nou pentru a o păstra pe a dumneavoastră.
entry-changed-cleared = Șters între timp de altcineva. Salvați din nou pentru a o păstra pe a dumneavoastră.
entry-link = Introduceți valori
import-already-undone = Acest import este deja anulat.
import-reason-binary = Acest rând conține octeți care nu sunt text: salvați din nou foaia de calcul ca „CSV UTF-8”.
download-xlsx = Registru Excel (XLSX)

## Lista membrilor
roster-partial = Lista este parțială: cuprinde membrii pe care îi numesc anunțurile publice, fiecare cu sursa sa. Rețeaua număra { $cities } de orașe membre din { $countries } de țări în { $when }.
month-year = { $month ->
    [1] ianuarie
    [2] februarie
    [3] martie
    [4] aprilie
    [5] mai
    [6] iunie
    [7] iulie
    [8] august
    [9] septembrie
    [10] octombrie
    [11] noiembrie
   *[12] decembrie
} { $year }
region-africa = Africa
region-arab-states = Statele arabe
region-asia-pacific = Asia și Pacific
region-europe-north-america = Europa și America de Nord
region-latin-america-caribbean = America Latină și Caraibe
filter-region = Regiunea UNESCO
filter-joined = An de aderare
allowed-member-year = un an între 1990 și 2100, de exemplu 2024
home-by-region = Membri pe regiuni
home-described = Orașe care se prezintă
members-count = { $count ->
    [one] un membru
    [few] { $shown } membri
   *[other] { $shown } de membri
}
map-unplaced = { $count ->
    [one] Un membru nu apare pe hartă: locul său nu este încă cunoscut.
    [few] { $shown } membri nu apar pe hartă: locurile lor nu sunt încă cunoscute.
   *[other] { $shown } de membri nu apar pe hartă: locurile lor nu sunt încă cunoscute.
}
cities-table-caption = Orașe membre de pe hartă
city-name = Oraș
city-joined = Membru din
city-profile = Profil
city-region = Regiunea UNESCO
profile-described = prezentat
profile-not-described = încă neprezentat
membership-source = sursa
city-not-described = Acest oraș nu s-a prezentat încă. Ce arată pagina provine din anunțul rețelei despre aderarea sa și din nomenclatorul GeoNames.
unplaced-heading = Membri care nu apar pe hartă
unplaced-hint = Un anunț public numește aceste orașe drept membre, dar locul lor nu a putut fi stabilit cu certitudine: nomenclatorul nu are niciun loc cu acest nume în țara respectivă (un sector, un consorțiu sau un oraș sub 15.000 de locuitori) ori are mai multe. Un administrator al rețelei îl poate adăuga pe fiecare, cu locul potrivit.
unplaced-why = De ce nu apare pe hartă
unplaced-not-found = niciun loc cu acest nume în nomenclator
unplaced-ambiguous = { $count ->
    [one] un loc cu acest nume
    [few] { $shown } locuri cu acest nume
   *[other] { $shown } de locuri cu acest nume
}

## Căutare
nav-search = Căutare
search-title = Căutare
search-title-for = Căutare: { $query }
search-label = Căutați
search-hint = Orașe, strategii, obiective, programe, povești, bune practici, resurse și discuții, în română sau engleză; diacriticele și micile greșeli de tastare nu contează.
search-submit = Căutați
search-suggestions = Primele rezultate
search-everything = { $count ->
    [one] Un singur lucru de găsit. Scrieți cuvinte sau restrângeți cu listele.
    [few] { $shown } lucruri de găsit. Scrieți cuvinte sau restrângeți cu listele.
   *[other] { $shown } de lucruri de găsit. Scrieți cuvinte sau restrângeți cu listele.
}
search-found = { $count ->
    [0] Nu s-a găsit nimic.
    [one] Un rezultat.
    [few] { $shown } rezultate.
   *[other] { $shown } de rezultate.
}
search-nothing = Nimic nu conține toate cuvintele. Încercați mai puține cuvinte sau renunțați la un filtru.
search-left-out = Au fost căutate doar primele { $max } cuvinte.
search-narrow = Restrângeți rezultatele
search-remove-filter = Renunțați la filtrul:
search-pages = Pagini de rezultate
search-previous = Rezultatele anterioare
search-next = Mai multe rezultate
pager-label = Pagini
pager-previous = Pagina anterioară
pager-next = Pagina următoare
pager-where = Pagina { $page } din { $pages }
search-facet-kind = Ce
search-facet-country = Țara
search-facet-cluster = Grupul tematic
search-facet-kflc = Aria din Caracteristicile-cheie
search-facet-sdg = ODD
search-facet-group = Grupul țintă
search-facet-lang = Scris în
search-kind-city = Oraș
search-kind-strategy = Strategie
search-kind-objective = Obiectiv
search-kind-programme = Program
search-kind-practice = Bună practică
search-kind-resource = Resursă
search-kind-story = Poveste
allowed-most-filters = cel mult { $max } filtre într-o căutare

## Bune practici
nav-practices = Practici
practices-title = Bune practici
practices-lead = Cazuri descrise de orașele membre pornind de la propriile programe, în aceleași părți pentru fiecare oraș: problema, ce s-a făcut, cu cine și cu ce, ce a rezultat și de ce are nevoie alt oraș ca să facă la fel.
practices-download = Pentru cercetare, toate practicile publicate:
practices-download-csv = CSV (un rând pe practică)
practices-download-json = JSON
city-practices-adopted = Preluate de la alte orașe
practices-none = Nicio practică nu este publicată încă.
practice-adopted-by = { $count ->
    [one] preluată de încă un oraș
    [few] preluată de alte { $shown } orașe
   *[other] preluată de alte { $shown } de orașe
}
practice-status-draft = Ciornă
practice-status-submitted = Trimisă spre evaluare
practice-status-reviewed = Evaluată
practice-status-hint-draft = Această versiune este în lucru la oraș. Coordonatorul o trimite echipei rețelei când este gata.
practice-status-hint-submitted = Echipa rețelei citește această versiune; o aprobă sau o returnează cu o notă.
practice-status-hint-reviewed = Echipa rețelei a aprobat această versiune; toată lumea o poate citi după ce este publicată.
practice-review-note = Nota evaluatorului:
practice-review-note-hint = Obligatorie când returnați practica: spuneți ce ar trebui să schimbe orașul.
practice-published-earlier = Cititorii văd în continuare versiunea publicată anterior.
practice-never-published = Cititorii nu văd această practică până când nu este publicată.
practice-from-programme = din programul
practice-sample = Cifrele din această practică sunt date demonstrative, nu rezultatele raportate de oraș.
practice-part-problem = Problema
practice-part-approach = Ce s-a făcut
practice-part-partners = Parteneri și rolurile lor
practice-part-resources = Resurse și finanțare
practice-part-results = Rezultate
practice-part-difficulties = Dificultăți întâmpinate
practice-part-transfer = De ce are nevoie alt oraș ca să facă la fel
practice-travelled = Unde a ajuns
practice-travelled-none = Niciun alt oraș nu a înregistrat încă preluarea acestei practici.
practice-facts = Pe scurt
practice-evidence-indicators = Dovezi în indicatorii orașului
practice-review = Evaluare
practice-submit-hint = Trimiteți această versiune echipei rețelei spre evaluare. Orice modificare ulterioară o face din nou ciornă.
practice-submit = Trimiteți spre evaluare
practice-pass = Aprobați
practice-return = Returnați orașului
practice-publish-hint = Faceți din versiunea evaluată cea pe care o citește toată lumea.
practice-publish = Publicați
adopt-legend = Orașul dumneavoastră a preluat această practică
adopt-hint = Înregistrați preluarea, ca alții să vadă unde a ajuns practica. Spuneți ce ați schimbat și ce a rezultat; trimiteți formularul din nou mai târziu ca să vă actualizați rezultatele.
adopt-year = Anul în care ați început (de exemplu 2025)
adopt-note = Ce ați schimbat și ce a rezultat
adopt-button = Înregistrați preluarea
programme-write-practice = Descrieți ca bună practică
programme-write-practice-hint = Începe o ciornă completată din acest program: descrierea, partenerii, finanțarea, rezultatele raportate, caracteristicile și țintele obiectivelor sale. Dacă există deja, o deschide.
programme-practice = Descris ca bună practică:
edit-practice-title = Editați practica { $title }
field-problem = Problema
hint-problem = Nevoia sau situația cu care s-a confruntat orașul, cu cifrele care o arată.
field-approach = Ce s-a făcut
hint-approach = Cum funcționează practica, pas cu pas, și cine ce face. Markdown: liste, **aldine**, linkuri.
field-partners = Parteneri și rolurile lor
hint-partners = Fiecare organizație și partea pe care a avut-o.
field-resources = Resurse și finanțare
hint-resources = Oamenii, spațiile, echipamentele și banii necesari și cine a plătit.
field-results = Rezultate
hint-results = Ce s-a schimbat, cu cifre; spuneți de unde provin.
field-difficulties = Dificultăți întâmpinate
hint-difficulties = Ce nu a mers sau a durat mai mult și cum a procedat orașul.
field-transfer = De ce are nevoie alt oraș
hint-transfer = Condițiile, partenerii și mijloacele de care are nevoie alt oraș ca să facă la fel.
field-programme = Program
hint-programme = Programul propriu al orașului din care provine practica.
field-indicators = Indicatori
hint-indicators = Indicatorii orașului ale căror cifre arată rezultatele (doar cei pentru care raportează).
field-challenges = Provocări comune
hint-challenges = Provocările comune din rețea la care răspunde această practică.
field-evidence = Nivelul dovezilor
hint-evidence = Cum au fost verificate rezultatele.
field-contact = Contact
hint-contact = Pe cine să întrebați: un birou sau o funcție și o adresă.
evidence-self-reported = Raportate de oraș
evidence-peer-reviewed = Verificate de un oraș partener
evidence-independently-evaluated = Evaluate independent
licence-cc-by-4-0 = CC BY 4.0 (reutilizare cu menționarea sursei)
licence-cc-by-sa-4-0 = CC BY-SA 4.0 (reutilizare cu menționarea sursei, în aceleași condiții)
licence-cc0-1-0 = CC0 1.0 (fără drepturi rezervate)

## Resource library
nav-resources = Resurse
resources-title = Resurse pentru coordonatori
resources-lead = Ghiduri, cursuri, înregistrări și șabloane care ajută un oraș să-și construiască și să-și conducă orașul care învață, alese de rețea. Fiecare se deschide acolo unde o păstrează editorul ei.
resources-add = Adăugați o resursă
resources-collections = Colecții
resources-count = { $count ->
    [one] o resursă
    [few] { $count } resurse
   *[other] { $count } de resurse
}
resources-filter = Restrângeți biblioteca
resources-filter-kind = Tip
resources-filter-language = Limbă
resources-filter-level = Nivel
resources-filter-collection = Colecție
resources-filter-kflc = Domeniu din Caracteristicile-cheie
resources-filter-submit = Afișați
resources-filter-clear = Afișați tot
resources-filter-wrong = Filtrul nu a putut fi citit
resources-any = Oricare
resources-found = { $count ->
    [0] Nicio resursă nu se potrivește. Alegeți „Oricare” într-una dintre liste.
    [one] O resursă.
    [few] { $count } resurse.
   *[other] { $count } de resurse.
}
resource-open = Deschideți resursa
resource-open-hint = Pe site-ul editorului, în { $language }.
resource-features = Caracteristicile-cheie la care ajută
resource-kind-guide = Ghid
resource-kind-course = Curs
resource-kind-recording = Înregistrare
resource-kind-template = Șablon
resource-kind-case-study = Studii de caz
resource-level-introductory = Începător
resource-level-intermediate = Intermediar
resource-level-advanced = Avansat
resource-collection-start-here = Începeți de aici
resource-collection-monitoring = Monitorizare
resource-collection-peer-learning = Învățând de la alte orașe
resource-collection-hint-start-here = Pentru un coordonator în primele luni: ce este un oraș care învață și cum au început alții.
resource-collection-hint-monitoring = Alegerea indicatorilor, colectarea cifrelor și raportarea progresului.
resource-collection-hint-peer-learning = Cazuri din orașele membre, de comparat cu al dumneavoastră.
licence-all-rights-reserved = Toate drepturile rezervate editorului
language-es = spaniolă
language-ar = arabă
language-zh = chineză
language-ru = rusă
language-pt = portugheză
field-level = Nivel
field-collections = Colecțiile rețelei
field-link = Adresa (https://…)
field-publisher = Editor
field-year = Anul publicării
hint-link = Unde se citește, se urmărește sau se descarcă resursa.
hint-collections = Colecțiile rețelei în care intră; poate să nu intre în niciuna.
edit-resource-title = Editați resursa { $title }
new-resource-title = O resursă nouă
allowed-kflc-code = un domeniu sau o caracteristică KFLC, de exemplu 3.1 sau 3.1.3
resources-deleted = Scoase din bibliotecă
resources-deleted-hint = Istoricul lor arată fiecare versiune; restaurarea uneia readuce resursa.
hint-level = Cât ar trebui să știe deja cititorul ca să o folosească din plin.
hint-publisher = Organizația sau persoanele care au publicat-o, așa cum își spun.
hint-year = Anul apariției, de exemplu 2015; lăsați gol dacă nu se știe.
field-not-taking-replies = { $detail ->
    [closed] Orașul a închis această cerere: nu mai primește răspunsuri.
    [expired] Termenul acestei cereri a trecut: nu mai primește răspunsuri.
    [full] Această cerere are deja toate răspunsurile cerute de oraș.
   *[own] Este cererea propriului oraș: răspundeți la cererile altor orașe.
}

## Partner requests
nav-requests = Parteneri
requests-title = Cereri de parteneriat
requests-lead = Orașe membre care caută parteneri: ce caută, pentru ce apel, până când. Fiecare cerere primește răspunsuri până la termen sau până ajunge la numărul cerut de oraș.
requests-new = Căutați parteneri
requests-none = Niciun oraș nu caută parteneri acum.
new-request-title = Căutați parteneri
request-state-open = Deschisă
request-state-full = Completă
request-state-expired = Termen depășit
request-state-closed = Închisă
request-deadline = răspunsuri până la { $date }
request-anywhere = Orice țară
request-theme = Temă
request-places = Răspunsuri
request-places-taken = { $taken } din cele { $cap } primite de oraș
request-close = Închideți cererea
request-close-hint = Nu mai primește răspunsuri; cele primite rămân aici.
request-replies = Răspunsuri
request-no-replies = Niciun oraș nu a răspuns încă.
request-replies-private = Răspunsurile sunt citite de orașul care a cerut, de orașele care au răspuns și de echipa rețelei.
request-reply-label = Răspunsul orașului dumneavoastră
request-reply-hint = Ce ar aduce orașul dumneavoastră și pe cine să contacteze. Îl citesc doar orașul care a cerut și echipa rețelei. Cel mult 2.000 de caractere.
request-reply-send = Trimiteți răspunsul
partner-kind-city = Un alt oraș care învață
partner-kind-public-authority = Autoritate publică
partner-kind-school-university = Școală sau universitate
partner-kind-ngo = Organizație neguvernamentală
partner-kind-business = Firmă
partner-kind-library-culture = Bibliotecă, muzeu sau instituție culturală
field-partner-kinds = Parteneri căutați
field-countries = Țări
field-call = Program sau apel de finanțare
field-deadline = Răspunsuri până la
field-reply-cap = Cel mult atâtea răspunsuri
field-message = Răspuns
hint-partner-kinds = Bifați fiecare tip de partener care s-ar potrivi.
hint-countries = Coduri de două litere separate prin virgule, de exemplu RO, HU, RS; lăsați gol pentru orice țară.
hint-call = Apelul pentru care este parteneriatul, dacă există, de exemplu Erasmus+ KA220-ADU 2027.
hint-deadline = Ultima zi în care se primesc răspunsuri.
hint-reply-cap = Răspunsurile se opresc la acest număr (de la 1 la 50), ca să le puteți răspunde tuturor.
request-suggested = Cine ar putea răspunde
request-suggested-hint = Membri care au ceva de arătat pe această temă și organizații de tipul căutat care lucrează în programele lor pe această temă, în țările cerute, cu dovezile cele mai solide întâi. Doar orașul dumneavoastră vede această listă.
request-why-practice = A publicat o bună practică pe această temă:
request-why-programmes = { $count ->
    [one] are un program pe această temă
    [few] are { $count } programe pe această temă
   *[other] are { $count } de programe pe această temă
}
request-why-results = raportează rezultate
request-why-strategy = Strategia sa o numește.
edit-request-title = Editați cererea { $title }
request-sample = Niciun oraș membru nu a publicat această cerere: arată cum arată una.
nav-inbox = Notificări
inbox-title = Notificări
inbox-all-read = Nimic nou.
inbox-unread = { $count ->
    [one] O notificare necitită.
    [few] { $shown } notificări necitite.
   *[other] { $shown } de notificări necitite.
}
inbox-empty = Încă nu s-a întâmplat nimic care să vă privească. Răspunsurile la cererile de parteneriat ale orașului dumneavoastră vor apărea aici.
inbox-new = Nou
inbox-mark-read = Marcați totul ca citit
inbox-mail-heading = Prin e-mail
inbox-mail-on = Primiți fiecare notificare și prin e-mail, atunci când acest server trimite e-mailuri.
inbox-mail-off = Nu primiți e-mailuri; notificările apar doar aici.
inbox-mail-stop = Opriți e-mailurile
inbox-mail-start = Trimiteți-le și prin e-mail
notice-request-reply = { $city } a răspuns cererii dumneavoastră de parteneriat „{ $request }”.
unsubscribe-title = E-mailuri de la Forja
unsubscribe-ask = Opriți toate e-mailurile de la Forja către această adresă? Notificările vor apărea în continuare când vă autentificați.
unsubscribe-submit = Opriți e-mailurile
unsubscribe-done = Nu veți mai primi e-mailuri de la Forja.
unsubscribe-again = Pentru a le primi din nou, autentificați-vă și deschideți notificările.
mail-greeting = Bună ziua, { $name },
mail-open = Citiți în Forja: { $link }
mail-inbox = Toate notificările dumneavoastră: { $link }
mail-why = Primiți acest mesaj pentru că aveți un cont pe { $site }.
mail-unsubscribe = Pentru a nu mai primi e-mailuri de la Forja, deschideți { $link }
request-suggested-organisations = Organizații care ar putea răspunde
nav-discussions = Dialog
discussions-title = Dialog privind politicile publice
discussions-on = Discuții despre { $subject }
discussions-lead = Coordonatorii, editorii și partenerii orașelor din rețea discută ce funcționează: despre o bună practică, strategia unui oraș sau o temă din cadrul de referință.
discussions-how-to-open = Pentru a deschide o discuție, mergeți la practica, strategia sau tema despre care este și urmați „Discutați”.
discussions-queue = Așteaptă un moderator
discussions-none = Încă nicio discuție.
discussion-reports = { $count ->
    [one] o semnalare
    [few] { $shown } semnalări
   *[other] { $shown } de semnalări
}
discussion-posts = { $count ->
    [0] Niciun mesaj
    [one] Un mesaj
    [few] { $shown } mesaje
   *[other] { $shown } de mesaje
}
discussion-closed = Închisă
discussion-about = Despre
discussion-new-title = Deschideți o discuție
discussion-field-title = Întrebare sau titlu
discussion-field-body = Despre ce doriți să discutați
discussion-body-hint = Puteți folosi Markdown: **aldin**, *cursiv*, liste și linkuri. Cel mult 10.000 de caractere.
discussion-asks-position = Cereți fiecărui răspuns o poziție (pentru, neutru, împotrivă)
discussion-open = Deschideți discuția
discussion-position = Poziția dumneavoastră
discussion-position-optional = (opțional)
position-for = Pentru
position-neutral = Neutru
position-against = Împotrivă
discussion-send = Publicați
discussion-opened-by = deschisă de { $name }
discussion-closing = Concluzia discuției
discussion-positions = Răspunsuri:
discussion-no-posts = Nimeni nu a răspuns încă.
post-removed = Un moderator a eliminat acest mesaj.
post-hidden = Ascuns după mai multe semnalări, până îl citește un moderator.
post-keep = Păstrați-l
post-remove = Eliminați-l
discussion-reply = Răspundeți
discussion-reply-to = Răspunsul dumneavoastră către { $name }
post-report = Semnalați
post-report-named = Semnalați moderatorilor mesajul scris de { $name }
discussion-answer = Răspunsul dumneavoastră
discussion-field-post = Răspunsul dumneavoastră în discuție
discussion-sign-in = Autentificați-vă pentru a participa.
discussion-close = Închideți cu o concluzie
discussion-summary = Concluzie
discussion-summary-hint = Unde a ajuns discuția, pentru cei care o citesc mai târziu. Apoi discuția nu mai primește mesaje.
discuss = Discutați
notice-discussion-reply = { $author } a răspuns în discuția „{ $discussion }”.
field-discussion-closed = Un moderator a închis această discuție: nu mai primește mesaje.
field-slow-down = Conturile noi scriu câte puțin: puteți publica din nou peste { $detail } min.
audit-event-discussion-closed = discuție închisă cu o concluzie
audit-event-post-kept = mesaj semnalat păstrat
audit-event-post-removed = mesaj semnalat eliminat
search-kind-discussion = Discuție
field-choose-one = Alegeți una dintre variantele oferite.
field-file-too-large = Fișierul este prea mare: cel mult { $detail } MB.
resource-download = Descărcați ({ $format }, { $size } MB)
resource-nothing-yet = Încă nu are nici link, nici fișier: personalul rețelei îl adaugă.
resource-file-heading = Fișierul
resource-file-label = Un fișier de păstrat cu această resursă
resource-file-hint = PDF sau un document de birou (DOCX, XLSX, PPTX, ODT, ODS, ODP), cel mult 50 MB. Înlocuiește fișierul păstrat înainte; istoricul păstrează fiecare versiune.
resource-file-submit = Încărcați fișierul
discussions-all = Discuții
discussion-readers-read = Cititorii urmăresc dialogul; coordonatorii, editorii și partenerii orașelor membre participă la el.
resource-file-in = Păstrat aici, în { $language }.
