"""French and German words of industrial supplies, in English.

A buyer writes "3 boîtes de gants nitrile jetables, taille S" or "Sechskantschraube M8x30"
while the catalogue says "Nitrile disposable gloves, size S" and "Hex bolt M8x30". Before two
descriptions are compared, both are put in the same words: each French or German word below
becomes its English one (a compound may become two words). Words are folded (lower case, no
accents); the catalogue's own words are translated the same way, so a French catalogue and an
English order meet too.
"""

from __future__ import annotations

_FRENCH = """
gant gloves|gants gloves|jetable disposable|jetables disposable|poudre powder|poudres powder
non free|taille size|boite box|boites box|boitier box|carton carton|cartons carton|sac bags
sacs bags|sachet bags|sachets bags|poubelle bin|poubelles bin|rouleau roll|rouleaux roll
gilet vest|gilets vest|haute high|visibilite visibility|trousse kit|secours aid|premiers first
vis screw|ecrou nut|ecrous nut|rondelle washer|rondelles washer|cheville plug|chevilles plug
clou nails|clous nails|boulon bolt|boulons bolt|tete head|hexagonale hex|hexagonal hex
tetes head|plate flat|plates flat|agglomere chipboard|fraisee countersunk|ruban tape
rubans tape|adhesif tape|adhesive tape|scotch tape|masquage masking|emballage packing
toile duct|toilee duct|isolant insulating|isolante insulating|marquage marking|sol floor
etirable stretch|manuel hand|manuelle hand|bulle bubble|bulles bubble|feuillard strapping
cerclage strapping|boucle buckles|boucles buckles|chape seals|chapes seals|palette pallet
palettes pallet|cannelure wall|simple single|corniere edge|cornieres edge|disque disc
disques disc|tronconner cutting|tronconnage cutting|lamelles flap|grain grit|lunettes glasses
bouchon plugs|bouchons plugs|oreille ear|oreilles ear|mousse foam|casque helmet
chaussures shoes|securite safety|degraissant degreaser|nettoyant cleaner|bidon can
lingettes wipes|essuyage wiping|chiffon rags|chiffons rags|absorbant absorbent
granules granules|huile oil|hydraulique hydraulic|graisse grease|lubrifiant lubricant
aerosol spray|peinture paint|etiquette labels|etiquettes labels|thermique thermal
collier cable|colliers cable|serrage ties|gaine sleeve|thermoretractable heat shrink
rallonge extension|multiprise extension|piles batteries|pile batteries|ampoule bulb
agrafes staples|lame blades|lames blades|brosse brush|balai broom|seau bucket|caisse crate
cuir leather|travail work|coupure cut|anti-coupure cut-resistant|zingue zinc|zinguee zinc
zingues zinc|inox stainless|acier steel|bois wood|papier paper|kraft kraft|noirs black
noires black|blancs white|blanches white|bleus blue|bleue blue|bleues blue|verts green
vertes green|rouges red|jaunes yellow|double double|face sided|protection protector
protections protector|mural wall|murale wall|plastique plastic|bande tape|bandes tape
noir black|blanc white|bleu blue|rouge red|vert green|jaune yellow|brun brown|marron brown
gris grey|couronne ring|couronnes ring|disjoncteur mcb|disjoncteurs mcb|borne connector|bornes connector
levier lever|encastrement flush|entrees way|interrupteur switch|interrupteurs switch
prise socket|prises socket|lampe lamp|ampoules bulb|tube tube|rallonges extension
"""

_GERMAN = """
handschuhe gloves|handschuh gloves|einweg disposable|einmal disposable|puderfrei powder free
grosse size|groesse size|schraube screw|schrauben screw|sechskantschraube hex bolt
sechskantschrauben hex bolt|mutter nut|muttern nut|sechskantmutter hex nut
sechskantmuttern hex nut|unterlegscheibe washer|unterlegscheiben washer|scheibe washer
scheiben washer|dubel wall plug|duebel wall plug|nagel nails|nagel nails|naegel nails
spanplattenschraube chipboard screw|spanplattenschrauben chipboard screw|senkkopf countersunk
klebeband tape|packband packing tape|paketband packing tape|kreppband masking tape
abdeckband masking tape|gewebeband duct tape|isolierband insulating tape
doppelseitig double sided|doppelseitiges double sided|doppelklebeband double sided tape
bodenmarkierungsband floor marking tape|markierungsband marking tape|stretchfolie stretch film
handstretchfolie hand stretch film|maschinenstretchfolie machine stretch film
luftpolsterfolie bubble wrap|umreifungsband strapping|kantenschutz edge protector
palette pallet|paletten pallet|europalette euro pallet|europaletten euro pallet
karton carton|kartons carton|faltkarton carton|einwellig single wall|zweiwellig double wall
trennscheibe cutting disc|trennscheiben cutting disc|schruppscheibe grinding disc
facherschleifscheibe flap disc|schutzbrille safety glasses|gehorschutzstopsel ear plugs
ohrstopsel ear plugs|schutzhelm helmet|warnweste high visibility vest|warnwesten high visibility vest
erste first|hilfe aid|koffer kit|verbandkasten first aid kit|reiniger cleaner
entfetter degreaser|putztucher wipes|putzrolle wiping roll|bindemittel absorbent
ol oil|hydraulikol hydraulic oil|fett grease|spruhdose spray|farbe paint|etiketten labels
etikett labels|kabelbinder cable ties|schrumpfschlauch heat shrink sleeve|leitung cable
kabel cable|steckdosenleiste extension|batterien batteries|rohre tube|beutel bags
druckverschlussbeutel zip bags|mullsacke bin bags|mullbeutel bin bags|leder leather
arbeitshandschuhe work gloves|schnittschutz cut-resistant|schnittschutzhandschuhe cut-resistant gloves
verzinkt zinc|edelstahl stainless|stahl steel|holz wood|papier paper|schwarze black
weisse white|blaue blue|grune green|rote red|gelbe yellow|graue grey|flach flat
leitungsschutzschalter mcb|ls-schalter mcb|klemme connector|klemmen connector
hebelklemme lever connector|hebelklemmen lever connector|unterputzdose flush box
schwarz black|weiss white|blau blue|rot red|grun green|gelb yellow|braun brown|grau grey
schalter switch|steckdose socket|steckdosen socket|lampe lamp|ring ring
"""


def _table(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in text.replace("\n", "|").split("|"):
        entry = entry.strip()
        if entry:
            word, _, english = entry.partition(" ")
            out[word] = english
    return out


GLOSSARY: dict[str, str] = {**_table(_FRENCH), **_table(_GERMAN)}


def in_english(word: str) -> str:
    """The English word(s) for a folded French or German word; the word itself otherwise."""
    return GLOSSARY.get(word, word)
