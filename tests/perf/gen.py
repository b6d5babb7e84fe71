#!/usr/bin/env python3
"""gen.py - write a realistic brm portfolio of N records, as one commit.

    tests/perf/gen.py DIR [-n RECORDS] [--seed S] [--months 36]
                          [--end YYYY-MM] [--add-only]

DIR must not exist or be empty.  The portfolio is what `brm init` makes
(.brm/config.yaml, .gitattributes, the repository's brm settings, branch
main: taken from a `brm init` run in a scratch folder when a brm binary is
at hand, --brm, $BRM or ./brm; else written as brm 0.1 did) plus N
records in the real file format (DESIGN.md sections 1-2, the schema tables
in core/kinds/*.c): customers with contacts, subscriptions with SLAs and
Kano-classified requirements, revenue and risks; services; suppliers with
their selection assessment and support contracts (stricter than every
customer SLA of the service, so `brm check` finds no gap); third parties;
and over --months months ending with --end: meetings with action items,
complaints in every lifecycle state (some reopened), praise, surveys,
value-added services, events, audits and disputes.  Names are in German,
French, Nordic, Czech, Russian, Greek, Japanese and Chinese.

The same seed gives the same bytes.  The files and ONE commit are made
with git fast-import (git add of 100,000 loose objects is much slower)
and repacked as git-fast-import(1) advises (`git repack -a -d -f`), then
`git reset` builds the index so that `git status` is clean.  The
identity is GIT_COMMITTER_NAME/EMAIL/DATE when set.

Only the standard library: YAML is written by hand in the block style
brm's canonical emitter uses (libyaml, indent 2, sequences not indented
under their key), so a record brm rewrites keeps its bytes.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

# ---- YAML, the way brm writes it -------------------------------------------

# Strings that a YAML 1.1/1.2 reader would take for another type: brm
# double-quotes them (core/node.c brm_scalar_looks_typed).  Conservative.
TYPED = re.compile(
    r"^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|"
    r"No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<|=|[-+]?[0-9][0-9_:.eExXoObB+-]*|"
    r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)|\.[0-9].*)$")
# What libyaml would quote in a plain scalar: avoid, generated text never
# needs it (but quote it correctly if it happens).
UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@` ]|: | #|[\t\n]|\s$|:$")


class Raw(str):
    """A typed plain scalar (number, date, bool), written as is."""


def scalar(v):
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if TYPED.match(v) or UNSAFE.search(v):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return v


def emit(out, v, indent):
    """Append the block YAML of mapping/list v at indent to out (list)."""
    pad = " " * indent
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, dict):
                if x:
                    out.append(f"{pad}{k}:\n")
                    emit(out, x, indent + 2)
                else:
                    out.append(f"{pad}{k}: {{}}\n")
            elif isinstance(x, list):
                if x:
                    out.append(f"{pad}{k}:\n")
                    emit(out, x, indent)	# indentless sequence
                else:
                    out.append(f"{pad}{k}: []\n")
            elif isinstance(x, str) and "\n" in x and not isinstance(x, Raw):
                out.append(f"{pad}{k}: |-\n")
                for line in x.split("\n"):
                    out.append(f"{pad}  {line}\n" if line else "\n")
            else:
                out.append(f"{pad}{k}: {scalar(x)}\n")
    else:
        for x in v:
            if isinstance(x, dict):
                sub = []
                emit(sub, x, indent + 2)
                first = sub[0]
                sub[0] = pad + "- " + first[indent + 2:]
                out.extend(sub)
            else:
                out.append(f"{pad}- {scalar(x)}\n")


def to_yaml(d):
    out = []
    emit(out, d, 0)
    return "".join(out)


# ---- vocabulary --------------------------------------------------------------

FIRST = ["Jürgen", "Anna", "Søren", "Zoë", "François", "Łukasz", "Ольга",
         "Иван", "Μαρία", "Νίκος", "Akira", "美咲", "Wei", "Siobhán", "José",
         "Ingrid", "Björn", "Dvořák", "Ana", "Chloé", "Mehmet", "Aiko",
         "Ярослава", "Émile", "Kateřina", "Peter", "Sarah", "Jane"]
LAST = ["Müller", "Schröder", "Jørgensen", "Lefèvre", "Novák", "Петров",
        "Смирнова", "Παπαδόπουλος", "田中", "王", "O'Brien", "García",
        "Öztürk", "Nyström", "Dąbrowski", "Roe", "Doe", "Weiß", "Åberg",
        "Kovačević", "Hoffmann", "Fischer", "Lindqvist", "Sørensen"]
ASCII_LAST = ["mueller", "schroeder", "joergensen", "lefevre", "novak",
              "petrov", "smirnova", "papadopoulos", "tanaka", "wang",
              "obrien", "garcia", "ozturk", "nystrom", "dabrowski", "roe",
              "doe", "weiss", "aberg", "kovacevic", "hoffmann", "fischer",
              "lindqvist", "sorensen"]
COMPANY_A = ["Müller", "Nordlicht", "Søndergaard", "Café Ølstue", "Ärztekammer",
             "Škoda", "Élysée", "Zürcher", "Björkman", "Łódź", "Straße",
             "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
             "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay",
             "Dunder", "Wonka", "Oscorp", "Aperture", "Massive", "Pied"]
COMPANY_B = ["& Söhne GmbH", "AG", "Logistik", "Versicherung", "Bank",
             "Kliniken", "Stadtwerke", "Handel", "Retail", "Holding",
             "Foods", "Pharma", "Energie", "Maschinenbau", "Verlag",
             "Reisen", "Bau", "Telekom", "Medien", "Chemie"]
NONLATIN = ["ООО Ромашка", "Северсталь Сервис", "株式会社サクラ", "東京物流",
            "北京科技有限公司", "上海贸易", "Αθηναϊκή Ζυθοποιία",
            "Ελληνικά Ταχυδρομεία", "Газпром Информ", "大阪銀行"]
DEPTS = ["Finanzabteilung", "Personalwesen", "Vertrieb", "Einkauf",
         "Forschung & Entwicklung", "Kundendienst", "Rechtsabteilung",
         "Marketing", "Produktion", "Qualitätssicherung"]
SERVICES = [("crm", "CRM"), ("erp", "ERP"), ("email", "E-Mail"),
            ("service-desk", "Service Desk"), ("hosting", "Hosting"),
            ("backup", "Backup & Restore"), ("network", "Netzwerk"),
            ("workplace", "Arbeitsplatz-Service"), ("sap-basis", "SAP Basis"),
            ("web-shop", "Web-Shop"), ("data-warehouse", "Data Warehouse"),
            ("identity", "Identity & Access"), ("voip", "VoIP-Telefonie"),
            ("print", "Druckdienste"), ("vpn", "VPN"),
            ("monitoring", "Monitoring"), ("security-ops", "Security Operations"),
            ("cloud", "Private Cloud"), ("archive", "Archivierung"),
            ("edi", "EDI-Anbindung"), ("mobile", "Mobile Device Management"),
            ("collab", "Collaboration"), ("dms", "Dokumentenmanagement"),
            ("payroll", "Lohnabrechnung")]
SUPPLIER_NAMES = ["Rechenzentrum Nord", "Fibernet", "Datacore Systems",
                  "Håkansson Networks", "Česká Síť", "Serveurs Lefèvre",
                  "CloudWerk", "Backupservice Weiß", "Telekabel", "ПромСвязь",
                  "SecureOps", "PrintPro", "日本データ", "Netzbau Ost",
                  "Lizenzhaus", "Störungsdienst 24"]
THIRD_PARTIES = [("TÜV Süd", "certification"), ("BaFin", "supervision"),
                 ("KPMG Audit", "audit"), ("Beratung Ångström", "consulting"),
                 ("DEKRA", "certification"), ("BSI", "supervision"),
                 ("PwC", "audit"), ("McKinsey", "consulting"),
                 ("Other Vendor GmbH", "vendor"), ("Конкурент ООО", "vendor"),
                 ("Datenschutzbehörde", "supervision"),
                 ("ISO Zertifizierer", "certification")]
SUMMARIES = ["Ticket-Reaktionszeit zu langsam", "VPN bricht regelmäßig ab",
             "Slow ticket response", "Rechnung fehlerhaft",
             "Passwort-Reset dauert zu lange", "Druckerwarteschlange hängt",
             "Mail-Zustellung verzögert", "Backup nicht rechtzeitig fertig",
             "ERP nach Update langsam", "Служба поддержки не отвечает",
             "メールが届かない", "Techniker kam zu spät",
             "Wartungsfenster nicht angekündigt", "Web-Shop zeitweise down",
             "Falsche Lizenzen geliefert", "Telefonanlage rauscht"]
TOPICS = ["Quartalsreview", "Service review Q3", "Kapazitätsplanung",
          "Eskalation Netzwerkausfall", "Kick-off Rollout", "Jour fixe",
          "Vertragsverlängerung", "Sicherheitsvorfall besprochen",
          "Обсуждение SLA", "月次レビュー", "Lizenzaudit", "Budget 2027"]
ACTIONS = ["Kapazitätsplan senden", "Send the capacity plan",
           "Wartungsfenster verschieben", "SLA-Bericht korrigieren",
           "Angebot für Data Warehouse", "Root-Cause-Analyse liefern",
           "Schulung planen", "Kontaktliste aktualisieren",
           "Подготовить отчёт", "見積もりを送る"]
DECISIONS = ["Wartungsfenster auf Sonntag", "Move the maintenance window",
             "Zweiter Bereitschaftstechniker", "Monatliches Reporting",
             "Migration in Q2", "Pilot mit 20 Nutzern"]
RESOLUTIONS = ["Zweiten Bereitschaftstechniker eingeteilt",
               "Konfiguration korrigiert", "Hardware getauscht",
               "Added a second on-call engineer", "Gutschrift erteilt",
               "Prozess angepasst und dokumentiert", "Patch eingespielt"]
PRAISE_TEXT = ["Schnelle Hilfe beim Serverausfall, vielen Dank!",
               "Sehr kompetente Beratung", "Great weekend support",
               "Migration ohne Ausfall – großartig",
               "Спасибо за быструю помощь", "迅速な対応ありがとうございます",
               "Freundlich und geduldig am Telefon"]
TEAMS = ["Service Desk", "Netzwerk-Team", "Team Rechenzentrum",
         "Field Service", "Applikationsbetrieb", "Security-Team"]
VALUE_ADDS = ["Workshop Informationssicherheit", "Kostenlose Lizenzanalyse",
              "Energieeffizienz-Check", "Phishing-Simulation",
              "Architektur-Review", "Notfallübung begleitet",
              "Schulung Power-User"]
EVENT_SUMMARIES = ["Verfügbarkeit unter Zielwert", "Major incident: storage",
                   "Reaktionszeit überschritten", "Rechenzentrum Stromausfall",
                   "Phishing-Welle", "Datenbank-Korruption"]
FINDINGS = ["Reaktionszeiten eingehalten", "Hohe Fluktuation im Support",
            "Dokumentation lückenhaft", "Eskalationswege unklar",
            "Sehr gute Kooperation", "Zertifikat läuft bald ab"]
COMMENTS = ["Alles bestens", "Könnte schneller sein", "Sehr zufrieden",
            "Techniker war freundlich", "Zu viele Rückfragen",
            "Отлично", "満足しています", "Merci, très bien"]

LATIN1 = ("a a a a ae a ae c e e e e i i i i d n o o o o oe _ o u u u ue y "
          "th ss a a a a ae a ae c e e e e i i i i d n o o o o oe _ o u u u "
          "ue y th y").split()


def slug(name):
    """core/id.c brm_id_from_name: ASCII letters, digits, Latin-1."""
    out, dash = [], False
    for ch in name:
        o = ord(ch)
        a = None
        if ch.isascii() and ch.isalnum():
            a = ch.lower()
        elif 0xC0 <= o <= 0xFF:
            a = LATIN1[o - 0xC0]
            a = "" if a == "_" else a
        if not a:
            dash = bool(out)
            continue
        if dash:
            out.append("-")
        dash = False
        out.append(a)
    return "".join(out)[:64].strip("-")


# ---- time ----------------------------------------------------------------------

DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def mdays(y, m):
    if m == 2 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return 29
    return DAYS_IN[m - 1]


def ordinal(y, m, d):
    """Days since 0001-01-01 (proleptic Gregorian), like date.toordinal."""
    y1 = y - 1
    n = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    for i in range(1, m):
        n += mdays(y, i)
    return n + d


def from_ordinal(n):
    y = (n - 1) // 366 + 1
    while ordinal(y + 1, 1, 1) <= n:
        y += 1
    m = 1
    while m < 12 and ordinal(y, m + 1, 1) <= n:
        m += 1
    return y, m, n - ordinal(y, m, 1) + 1


def offset(m):
    """Europe/Berlin, roughly: summer time April to October."""
    return "+02:00" if 4 <= m <= 10 else "+01:00"


class Moment:
    """A local time as minutes since 0001-01-01 00:00."""
    __slots__ = ("t",)

    def __init__(self, y, m, d, hh=0, mm=0):
        self.t = (ordinal(y, m, d) * 24 + hh) * 60 + mm

    def plus(self, minutes):
        r = Moment.__new__(Moment)
        r.t = self.t + int(minutes)
        return r

    def ymd(self):
        return from_ordinal(self.t // 1440)

    def text(self):
        y, m, d = self.ymd()
        hh, mm = divmod(self.t % 1440, 60)
        return Raw(f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00{offset(m)}")


def date_text(y, m, d):
    return Raw(f"{y:04d}-{m:02d}-{d:02d}")


# ---- the portfolio -------------------------------------------------------------

CONFIG = """provider: {provider}
currency: EUR
working_days:
- mon
- tue
- wed
- thu
- fri
holidays: []
complaint_response_hours:
  critical: 4
  high: 8
  medium: 24
  low: 72
report_due_days:
  service_report: 5
  review_meeting: 10
"""

# Shares of the dated records (the rest of N after the named ones).
SHARES = [("survey", 0.36), ("meeting", 0.24), ("complaint", 0.16),
          ("praise", 0.06), ("event", 0.07), ("value-add", 0.05),
          ("audit", 0.04), ("dispute", 0.02)]
DATED = {"meeting": ("mtg", "meetings"), "complaint": ("cmp", "complaints"),
         "praise": ("prs", "praise"), "survey": ("svy", "surveys"),
         "value-add": ("vas", "value-adds"), "event": ("evt", "events"),
         "audit": ("aud", "audits"), "dispute": ("dsp", "disputes")}
ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


class Gen:
    def __init__(self, n, seed, months, end, named_as=None):
        self.r = random.Random(seed)
        self.named_as = named_as or n
        self.n = n
        ey, em = end
        first = ey * 12 + em - 1 - (months - 1)
        self.months = [(k // 12, k % 12 + 1) for k in range(first,
                                                            first + months)]
        self.end = Moment(ey, em, mdays(ey, em), 23, 59)
        self.ids = set()
        self.files = []		# (path, bytes)

    def put(self, path, rec):
        self.files.append((path, to_yaml(rec).encode()))

    def person(self):
        r = self.r
        return f"{r.choice(FIRST)} {r.choice(LAST)}"

    def email(self, domain):
        r = self.r
        return f"{r.choice(ASCII_LAST)}{r.randrange(100)}@{domain}.example"

    def dated_id(self, prefix, y, m, d):
        while True:
            tail = "".join(self.r.choice(ALNUM) for _ in range(4))
            i = f"{prefix}-{y:04d}{m:02d}{d:02d}-{tail}"
            if i not in self.ids:
                self.ids.add(i)
                return i

    def unique_slug(self, base):
        s, k = base, 2
        while s in self.ids:
            s = f"{base}-{k}"
            k += 1
        self.ids.add(s)
        return s

    # -- named records --

    def services(self, count):
        self.svc = []
        for i in range(count):
            sid, name = SERVICES[i % len(SERVICES)]
            if i >= len(SERVICES):
                sid, name = f"{sid}-{i // len(SERVICES) + 1}", \
                    f"{name} {i // len(SERVICES) + 1}"
            sid = self.unique_slug(sid)
            self.svc.append(sid)
            self.put(f"services/{sid}.yaml", {
                "id": sid, "name": name,
                "description": f"{name} für Kunden, betrieben im "
                               f"Rechenzentrum Nord",
                "owner": self.person()})

    def customer_name(self, i):
        r = self.r
        # every script in even the smallest portfolio
        first = ["Müller & Söhne GmbH", "ООО Ромашка", "株式会社サクラ",
                 "Αθηναϊκή Ζυθοποιία", "Qualitätssicherung Straße"]
        if i < len(first):
            return first[i]
        k = r.random()
        if k < 0.12:
            return r.choice(NONLATIN) + (f" {i}" if i >= len(NONLATIN) else "")
        if k < 0.25:
            return f"{r.choice(DEPTS)} {r.choice(COMPANY_A)}"
        return f"{r.choice(COMPANY_A)} {r.choice(COMPANY_B)}"

    def customers(self, count):
        r = self.r
        self.cust = []		# (id, [service ids], sla by service)
        self.sla_min = {}	# service -> strictest customer SLA
        for i in range(count):
            name = self.customer_name(i)
            base = slug(name)
            if not re.search("[a-z]", base):
                base = f"kunde-{i + 1:04d}"
            cid = self.unique_slug(base)
            internal = name.split()[0] in DEPTS
            domain = cid.replace("-", "")[:20] or "kunde"
            nsvc = r.randint(1, 6)
            subs, subsvc = [], r.sample(self.svc, min(nsvc, len(self.svc)))
            for s in subsvc:
                sla = {"availability": Raw(r.choice(["99", "99.5", "99.9"])),
                       "response_hours": Raw(str(r.choice([4, 8, 24]))),
                       "resolution_hours": Raw(str(r.choice([24, 48, 72])))}
                sub = {"service": s, "vital": r.random() < 0.3, "sla": sla}
                if r.random() < 0.5:
                    sub["requirements"] = [
                        {"text": r.choice(["Single Sign-on",
                                           "Reporting auf Deutsch",
                                           "24/7-Hotline",
                                           "Daten nur in der EU",
                                           "Ansprechpartner vor Ort"]),
                         "kano": r.choice(["basic", "performance",
                                           "excitement"])}]
                subs.append(sub)
            contacts = [{"name": self.person(), "role": role,
                         "email": self.email(domain),
                         "phone": f"+49 30 {r.randrange(1000000, 9999999)}"}
                        for role in r.sample(["sponsor", "representative",
                                              "stakeholder", "rfc-approver",
                                              "user"], r.randint(1, 4))]
            years = sorted({y for y, _ in self.months})
            revenue = [{"period": str(y), "actual": Raw(str(
                r.randrange(10, 900) * 1000))} for y in years[:-1]]
            revenue.append({"period": str(years[-1]), "projected": Raw(str(
                r.randrange(10, 900) * 1000))})
            ny, nm, _ = self.end.ymd()
            rec = {
                "id": cid, "name": name,
                "kind": "internal" if internal else "external",
                "status": r.choices(["active", "prospect", "former"],
                                    [90, 5, 5])[0],
                "business": r.choice(["Online-Handel in drei Ländern",
                                      "Regionale Energieversorgung",
                                      "Krankenhausverbund mit 4 Standorten",
                                      "Logistik und Lagerhaltung",
                                      "Retail banking",
                                      "Производство и дистрибуция"]),
                "outcomes": ["Checkout 99,9 % verfügbar",
                             "Monatsabschluss in 3 Tagen"][:r.randint(1, 2)],
                "representative": f"{self.person()} <{self.email(domain)}>",
                "contacts": contacts,
                "services": subs,
                "revenue": revenue,
                "future_services": r.sample(["Data Warehouse", "SIEM",
                                             "Cloud-Migration",
                                             "KI-Assistent"],
                                            r.randint(0, 2)),
                "review": {"cadence": r.choice(["weekly", "monthly",
                                                "monthly", "quarterly"]),
                           "next_contract_review": date_text(
                               ny + 1, r.randint(1, 12), r.randint(1, 28))},
                "change_windows": ["Sa 22:00-02:00"],
                "risks": [{"risk": "Sponsor könnte das Unternehmen "
                                   "verlassen",
                           "control": "Beziehung zum CIO aufbauen"}],
            }
            if r.random() < 0.2:
                rec["notes"] = ("Rahmenvertrag seit 2019.\nAnsprechpartner "
                                "wechselt häufig.")
            if r.random() < 0.05:
                rec["x-crm-number"] = f"K-{r.randrange(10000, 99999)}"
            self.put(f"customers/{cid}.yaml", rec)
            self.cust.append((cid, subsvc))
            for sub in subs:
                s, sla = sub["service"], sub["sla"]
                cur = self.sla_min.setdefault(s, [100.0, 1e9, 1e9])
                cur[0] = min(cur[0], float(sla["availability"]))
                cur[1] = min(cur[1], float(sla["response_hours"]))
                cur[2] = min(cur[2], float(sla["resolution_hours"]))

    def suppliers(self, count):
        r = self.r
        self.sup = []
        fy, fm = self.months[0]
        ly, lm = self.months[-1]
        for i in range(count):
            name = SUPPLIER_NAMES[i % len(SUPPLIER_NAMES)]
            if i >= len(SUPPLIER_NAMES):
                name += f" {i // len(SUPPLIER_NAMES) + 1}"
            sid = self.unique_slug(slug(name) or f"lieferant-{i + 1}")
            supplies = r.sample(self.svc, min(r.randint(1, 3),
                                              len(self.svc)))
            contracts = []
            for s in supplies:
                # stricter than every customer SLA of the service
                avail, resp, res = self.sla_min.get(s, [99.0, 4, 24])
                contracts.append({
                    "service": s,
                    "response_hours": Raw(str(max(0.5, resp / 4))),
                    "resolution_hours": Raw(str(max(1.0, res / 3))),
                    "availability": Raw("99.99" if avail < 99.99 else
                                        "99.999"),
                    "start": date_text(fy, fm, 1),
                    "end": date_text(ly + 2, 12, 31),
                    "review": date_text(ly + 1, r.randint(1, 12), 15)})
            domain = sid.replace("-", "")[:20] or "lieferant"
            rec = {
                "id": sid, "name": name,
                "status": r.choices(["approved", "candidate", "probation",
                                     "terminated"], [80, 8, 8, 4])[0],
                "supplies": supplies,
                "contacts": [{"name": self.person(),
                              "role": "Account Manager",
                              "email": self.email(domain)}],
                "assessment": {
                    "registered_capital": Raw(str(r.randrange(1, 500) *
                                                  100000)),
                    "staff_size": Raw(str(r.randrange(10, 5000))),
                    "staff_qualifications": "ITIL 4, CCNP, AWS SA",
                    "customer_base": "Mittelstand in der DACH-Region",
                    "service_certifications": ["ISO/IEC 20000-1"],
                    "security_certifications": ["ISO/IEC 27001"],
                    "process_maturity": r.choice(["managed", "defined"]),
                    "engineer_certifications": ["CCIE", "RHCE"],
                    "surge_capacity": r.random() < 0.7,
                    "relationship": r.choice(["complementary",
                                              "competitive"]),
                    "reputation": "Gut, wenige Eskalationen"},
                "contracts": contracts,
            }
            self.put(f"suppliers/{sid}.yaml", rec)
            self.sup.append(sid)

    def third_parties(self, count):
        r = self.r
        self.tp = []
        for i in range(count):
            name, role = THIRD_PARTIES[i % len(THIRD_PARTIES)]
            if i >= len(THIRD_PARTIES):
                name += f" {i // len(THIRD_PARTIES) + 1}"
            tid = self.unique_slug(slug(name) or f"dritte-{i + 1}")
            rec = {
                "id": tid, "name": name, "role": role,
                "customers": [c for c, _ in r.sample(
                    self.cust, min(2, len(self.cust)))],
                "contacts": [{"name": self.person(), "role": "Lead Auditor",
                              "email": self.email("auditor")}],
                "sharing": {"why": "Zertifizierung nach ISO/IEC 27001",
                            "what": "Auditberichte, Maßnahmenpläne",
                            "where": "Gesichertes Portal",
                            "when": "Quartalsweise",
                            "who": "ISB an Lead Auditor",
                            "how": "Verschlüsselt, nur lesend"}}
            self.put(f"third-parties/{tid}.yaml", rec)
            self.tp.append(tid)

    # -- dated records --

    def when(self, y, m):
        r = self.r
        d = r.randint(1, mdays(y, m))
        return d, Moment(y, m, d, r.randint(7, 18), r.choice([0, 15, 30, 45]))

    def meeting(self, i, y, m, d):
        r = self.r
        k = r.random()
        party = (r.choice(self.sup) if k < 0.1 and self.sup else
                 r.choice(self.tp) if k < 0.13 and self.tp else
                 r.choice(self.cust)[0])
        day = ordinal(y, m, d)
        actions = []
        for _ in range(r.choice([0, 0, 1, 1, 2, 3])):
            due = day + r.randint(0, 45)
            dy, dm, dd = from_ordinal(due)
            # old actions are nearly all done, recent ones half
            late = self.end.t // 1440 - due > 60
            actions.append({"text": r.choice(ACTIONS),
                            "owner": self.person(),
                            "due": date_text(dy, dm, dd),
                            "done": r.random() < (0.98 if late else 0.5)})
        rec = {"id": i, "date": date_text(y, m, d), "with": party,
               "kind": r.choice(["periodic-review", "daily", "daily",
                                 "escalation", "service-review", "kickoff"]),
               "attendees": [self.person() for _ in range(r.randint(1, 4))],
               "agenda": r.sample(TOPICS, 2),
               "summary": r.choice(TOPICS),
               "decisions": r.sample(DECISIONS, r.randint(0, 2)),
               "actions": actions}
        if not rec["decisions"]:
            del rec["decisions"]
        if not actions:
            del rec["actions"]
        return rec

    def complaint(self, i, y, m, d, at):
        r = self.r
        cid, subs = r.choice(self.cust)
        sev = r.choices(["low", "medium", "high", "critical"],
                        [30, 40, 22, 8])[0]
        hours = {"critical": 4, "high": 8, "medium": 24, "low": 72}[sev]
        rec = {"id": i, "customer": cid, "service": r.choice(subs),
               "received": at.text(),
               "channel": r.choice(["phone", "email", "web", "visit",
                                    "letter"]),
               "severity": sev, "summary": r.choice(SUMMARIES)}
        if r.random() < 0.4:
            rec["description"] = (f"{rec['summary']}.\nBetroffen: "
                                  f"{r.randint(2, 200)} Nutzer.\n"
                                  f"Seit {r.randint(1, 5)} Tagen.")
        rec["owner"] = self.person()
        # recent complaints are more often still in progress
        age = (self.end.t - at.t) / 1440
        if age < 10:
            st = r.choices(["open", "acknowledged", "resolved", "closed"],
                           [40, 30, 20, 10])[0]
        elif age < 60:
            st = r.choices(["open", "acknowledged", "resolved", "closed"],
                           [5, 15, 25, 55])[0]
        else:
            st = r.choices(["open", "acknowledged", "resolved", "closed"],
                           [1, 2, 7, 90])[0]
        reopened = st != "open" and r.random() < 0.08
        rec["status"] = st
        rec["response_due"] = at.plus(hours * 60 * (1.4 if hours < 24
                                                    else 1.0)).text()
        t = at
        if st != "open":
            t = t.plus(r.randint(10, hours * 60))
            rec["acknowledged"] = t.text()
        if st in ("resolved", "closed"):
            if reopened:
                t = t.plus(r.randint(60, 3 * 1440))
                reopen_at = t
            t = t.plus(r.randint(60, 7 * 1440))
            rec["resolved"] = t.text()
            rec["resolution"] = r.choice(RESOLUTIONS)
        elif reopened:
            t = t.plus(r.randint(60, 3 * 1440))
            reopen_at = t
        if st == "closed":
            t = t.plus(r.randint(60, 5 * 1440))
            rec["closed"] = t.text()
            if r.random() < 0.8:
                rec["satisfied"] = r.random() < 0.85
        if reopened:
            rec["reopened"] = [{"at": reopen_at.text(),
                                "reason": "Problem trat erneut auf"}]
        return rec

    def praise(self, i, y, m, d):
        r = self.r
        rec = {"id": i, "customer": r.choice(self.cust)[0],
               "date": date_text(y, m, d),
               "from": self.person(),
               "about": r.choice(TEAMS + [self.person()]),
               "text": r.choice(PRAISE_TEXT)}
        pub = r.sample(["letter", "newsletter", "sharing-session"],
                       r.randint(0, 2))
        if pub:
            rec["publicized"] = pub
        return rec

    def survey(self, i, y, m, d):
        """A callback after a complaint or event of the customer (case),
        else a general survey (public)."""
        r = self.r
        cid = r.choice(self.cust)[0]
        about = None
        if r.random() < 0.85:
            past = self.cases.get(cid)
            if past:
                day = ordinal(y, m, d)
                about = next((x for o, x in reversed(past) if o <= day), None)
        rec = {"id": i, "customer": cid, "date": date_text(y, m, d),
               "type": "case" if about else "public",
               "channel": r.choice(["phone", "questionnaire", "web",
                                    "visit"])}
        if about:
            rec["about"] = about
        rec["score"] = Raw(str(r.choices([1, 2, 3, 4, 5],
                                         [3, 6, 15, 40, 36])[0]))
        if not about:
            rec["dimensions"] = [{"name": k, "score": Raw(str(
                r.randint(2, 5)))} for k in ("Reaktionszeit", "Kompetenz",
                                             "Kommunikation")]
        if r.random() < 0.5:
            rec["comment"] = r.choice(COMMENTS)
        rec["respondent"] = self.person()
        return rec

    def value_add(self, i, y, m, d):
        r = self.r
        return {"id": i, "customer": r.choice(self.cust)[0],
                "date": date_text(y, m, d),
                "title": r.choice(VALUE_ADDS),
                "effort_hours": Raw(str(r.choice([2, 4, 8, 16, 24]))),
                "checks": {"no_service_impact": True, "fits_need": True,
                           "cost_acceptable": r.random() < 0.9,
                           "extendable": r.random() < 0.6}}

    def event(self, i, y, m, d):
        r = self.r
        cid, subs = r.choice(self.cust)
        kind = r.choices(["sla-breach", "major-incident", "security",
                          "other"], [55, 25, 10, 10])[0]
        rec = {"id": i, "customer": cid, "service": r.choice(subs),
               "date": date_text(y, m, d), "kind": kind,
               "summary": r.choice(EVENT_SUMMARIES)}
        if kind == "sla-breach":
            rec.update({"metric": "availability", "target": Raw("99.9"),
                        "actual": Raw(f"{r.uniform(97, 99.89):.2f}")})
        rec["impact"] = f"{r.randint(1, 48)} Stunden eingeschränkt"
        return rec

    def audit(self, i, y, m, d):
        r = self.r
        rec = {"id": i, "date": date_text(y, m, d),
               "supplier": r.choice(self.sup),
               "period": f"{y}-Q{(m - 1) // 3 + 1}"}
        for k in ("responsiveness", "problem_solving", "efficiency",
                  "stability", "feedback", "cooperation"):
            rec[k] = Raw(str(r.randint(1, 5)))
        rec["findings"] = r.sample(FINDINGS, r.randint(1, 3))
        actions = r.sample(ACTIONS, r.randint(0, 2))
        if actions:
            rec["actions"] = actions
        return rec

    def dispute(self, i, y, m, d, at):
        r = self.r
        parties = r.sample(self.sup, min(len(self.sup), r.randint(1, 2)))
        if self.tp and r.random() < 0.3:
            parties.append(r.choice(self.tp))
        level = r.choices([1, 2, 3, 4], [50, 30, 15, 5])[0]
        levels, t = [{"level": Raw("1"), "at": at.text()}], at
        for lv in range(2, level + 1):
            t = t.plus(r.randint(1440, 20 * 1440))
            levels.append({"level": Raw(str(lv)), "at": t.text()})
        rec = {"id": i, "opened": at.text(), "parties": parties}
        if r.random() < 0.6:
            rec["customer"] = r.choice(self.cust)[0]
        rec.update({"subject": r.choice(["Abrechnung Wartungsvertrag",
                                         "Schuldfrage Netzwerkausfall",
                                         "Lizenzkosten", "Datenrückgabe",
                                         "Verzögerte Lieferung"]),
                    "level": Raw(str(level)), "levels": levels})
        resolved = (self.end.t - at.t) / 1440 > 40 and r.random() < 0.85
        rec["status"] = "resolved" if resolved else "open"
        if resolved:
            rec["resolution"] = "Einigung auf Kostenteilung"
            rec["resolved"] = t.plus(r.randint(1440, 30 * 1440)).text()
        return rec

    def run(self):
        r, n = self.r, self.n
        size = self.named_as	# how many customers etc. there are
        nsvc = max(4, min(len(SERVICES) * 2, size // 2000 + 8))
        ncust = max(5, size // 200)
        nsup = max(3, size // 2500 + 4)
        ntp = max(2, size // 5000 + 4)
        self.services(nsvc)
        self.customers(ncust)
        self.suppliers(nsup)
        self.third_parties(ntp)
        rest = max(0, n - len(self.files))
        kinds = [k for k, _ in SHARES]
        weights = [w for _, w in SHARES]
        # surveys last: a callback names an earlier complaint or event
        picks = sorted(r.choices(kinds, weights, k=rest),
                       key=lambda k: k == "survey")
        self.cases = {}		# customer -> [(day, complaint/event id)]
        ordered = False
        for kind in picks:
            if kind == "survey" and not ordered:
                for past in self.cases.values():
                    past.sort()
                ordered = True
            y, m = r.choice(self.months)
            d, at = self.when(y, m)
            prefix, folder = DATED[kind]
            i = self.dated_id(prefix, y, m, d)
            if kind == "meeting":
                rec = self.meeting(i, y, m, d)
            elif kind == "complaint":
                rec = self.complaint(i, y, m, d, at)
            elif kind == "praise":
                rec = self.praise(i, y, m, d)
            elif kind == "survey":
                rec = self.survey(i, y, m, d)
            elif kind == "value-add":
                rec = self.value_add(i, y, m, d)
            elif kind == "event":
                rec = self.event(i, y, m, d)
            elif kind == "audit":
                rec = self.audit(i, y, m, d)
            else:
                rec = self.dispute(i, y, m, d, at)
            if kind in ("complaint", "event"):
                self.cases.setdefault(rec["customer"], []).append(
                    (ordinal(y, m, d), i))
            self.put(f"{folder}/{y:04d}/{m:02d}/{i}.yaml", rec)


def init_template(brm, provider):
    """What `brm init` writes: config, .gitattributes, local git config."""
    env = dict(os.environ)
    for k, v in (("GIT_AUTHOR_NAME", "gen"), ("GIT_AUTHOR_EMAIL", "gen@x"),
                 ("GIT_COMMITTER_NAME", "gen"),
                 ("GIT_COMMITTER_EMAIL", "gen@x")):
        env.setdefault(k, v)
    env.pop("BRM_DIR", None)
    with tempfile.TemporaryDirectory() as t:
        p = os.path.join(t, "p")
        subprocess.run([brm, "init", p, "--provider", provider], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        files = []
        for rel in (".brm/config.yaml", ".gitattributes"):
            if os.path.exists(os.path.join(p, rel)):
                with open(os.path.join(p, rel), "rb") as f:
                    files.append((rel, f.read()))
        out = subprocess.run(["git", "-C", p, "config", "--local", "--list"],
                             check=True, capture_output=True, text=True)
        config = [line.split("=", 1) for line in out.stdout.splitlines()
                  if "=" in line and not line.startswith("core.")]
    return files, config


def write_files(root, files):
    made = set()
    for path, data in files:
        d = os.path.dirname(path)
        if d not in made:
            os.makedirs(os.path.join(root, d), exist_ok=True)
            made.add(d)
        fd = os.open(os.path.join(root, path), os.O_WRONLY | os.O_CREAT |
                     os.O_TRUNC | os.O_CLOEXEC, 0o666)
        os.write(fd, data)
        os.close(fd)


def git(root, *args, **kw):
    return subprocess.run(["git", "-C", root, *args], check=True, **kw)


def commit(root, files, n, add_only):
    env = os.environ
    name = env.get("GIT_COMMITTER_NAME", "brm perf")
    email = env.get("GIT_COMMITTER_EMAIL", "perf@example.com")
    when = env.get("GIT_COMMITTER_DATE", "")
    m = re.match(r"^@?(\d+)(?: ([+-]\d{4}))?$", when)
    stamp = f"{m.group(1)} {m.group(2) or '+0000'}" if m else \
        f"{int(time.time())} +0000"
    msg = f"gen: {n} records\n".encode()
    if add_only:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", msg.decode())
        return
    chunks = [b"commit refs/heads/main\n",
              f"committer {name} <{email}> {stamp}\n".encode(),
              b"data %d\n" % len(msg), msg]
    for path, data in sorted(files):
        chunks.append(b"M 100644 inline %s\ndata %d\n" % (path.encode(),
                                                          len(data)))
        chunks.append(data)
        chunks.append(b"\n")
    # fast-import grows its heap in small steps; where page faults are
    # dear (virtual machines) padding the heap makes it 40 times faster
    subprocess.run(["git", "-C", root, "fast-import", "--quiet"],
                   input=b"".join(chunks), check=True,
                   env=dict(env, MALLOC_TOP_PAD_=str(256 << 20)))
    # fast-import deltifies each blob against the one written before it,
    # whatever its path: most records end up deltas of unrelated records,
    # in chains up to pack.depth deep, which is nothing like a pack git
    # makes (a clone's, or git gc's).  git-fast-import(1), "PACKFILE
    # OPTIMIZATION", says to repack with -f afterwards; one thread, so
    # that the same seed gives the same pack.
    git(root, "-c", "pack.threads=1", "repack", "-a", "-d", "-f", "-q")
    # the index, with stat data, from the commit and the files just written
    git(root, "reset", "-q")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("-n", "--records", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--end", default="2026-10", help="last month, YYYY-MM")
    ap.add_argument("--named-as", type=int, metavar="N",
                    help="as many customers, services, suppliers and third "
                    "parties as for N records (default: -n)")
    ap.add_argument("--provider", default="Nordlicht IT-Services GmbH")
    ap.add_argument("--add-only", action="store_true",
                    help="commit with git add + git commit (slower)")
    ap.add_argument("--brm", help="brm binary whose init to copy "
                    "(default: $BRM, else ./brm beside tests/)")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    brm = a.brm or os.environ.get("BRM") or os.path.join(here, "..", "..",
                                                          "brm")
    ey, em = (int(x) for x in a.end.split("-"))
    if os.path.exists(a.dir) and os.listdir(a.dir):
        sys.exit(f"gen.py: '{a.dir}' is not empty")
    t0 = time.time()
    g = Gen(a.records, a.seed, a.months, (ey, em), a.named_as)
    g.run()
    t1 = time.time()
    os.makedirs(a.dir, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", a.dir], check=True)
    if os.access(brm, os.X_OK):
        init, config = init_template(brm, a.provider)
    else:
        init = [(".brm/config.yaml",
                 CONFIG.format(provider=a.provider).encode()),
                (".gitattributes", b"*.yaml -text merge=brm\n")]
        # as brm init (core/sync.c install_driver), for merge=brm above
        config = [("merge.brm.name", "brm: merge records field by field"),
                  ("merge.brm.driver", "brm merge-driver %O %A %B %P")]
    for k, v in config:
        git(a.dir, "config", "--local", k, v)
    files = init + g.files
    write_files(a.dir, files)
    t2 = time.time()
    commit(a.dir, files, len(g.files), a.add_only)
    t3 = time.time()
    print(f"gen.py: {len(g.files)} records in {a.dir}: generated "
          f"{t1 - t0:.1f} s, written {t2 - t1:.1f} s, committed "
          f"{t3 - t2:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
