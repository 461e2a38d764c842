"""French, German (and Dutch) words of trade supplies, in English.

A buyer writes "3 boîtes de gants nitrile jetables, taille S" or "Sechskantschraube M8x30"
while the catalogue says "Nitrile disposable gloves, size S" and "Hex bolt M8x30". Before two
descriptions are compared, both are put in the same words: each French or German word below
becomes its English one (a compound may become two words). Words are folded (lower case, no
accents); the catalogue's own words are translated the same way, so a French catalogue and an
English order meet too.
"""

from __future__ import annotations

from functools import lru_cache

_FRENCH = """
gant gloves|gants gloves|jetable disposable|jetables disposable|poudre powder|poudres powder
non free|taille size|boite box|boites box|boitier box|carton box|cartons box|sac bags
sacs bags|sachet bags|sachets bags|poubelle bin|poubelles bin|rouleau roll|rouleaux roll
gilet vest|gilets vest|haute high|visibilite visibility|trousse kit|secours aid|premiers first
vis screw|ecrou nut|ecrous nut|rondelle washer|rondelles washer|cheville plug|chevilles plug
clou nails|clous nails|boulon bolt|boulons bolt|tete head|hexagonale hex|hexagonal hex
tetes head|plat flat|plats flat|agglomere chipboard|fraisee countersunk|ruban tape
rubans tape|adhesif tape|scotch tape|masquage masking|emballage packing
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
acetique acetic|ethyle ethyl|saccharose sucrose|sulfurique sulphuric|chlorhydrique hydrochloric
individuellement individually|emballees wrapped|emballee wrapped|securise safe lock|securisee safe lock
plaque plate|plaques plates|culture culture|cellulaire cell|traitee treated|traite treated
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
karton box|kartons box|faltkarton box|einwellig single wall|zweiwellig double wall
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
hebelklemme lever connector|hebelklemmen lever connector|unterputzdose flush mounting box
schwarz black|weiss white|blau blue|rot red|grun green|gelb yellow|braun brown|grau grey
schalter switch|steckdose socket|steckdosen socket|lampe lamp|ring ring
"""


# trade words of packaging, lab consumables, food service, plumbing and electrical, and the
# qualifiers every trade shares (new/used, hand/machine, single/double wall)
_FRENCH_TRADE = """
neuf new|neuve new|neufs new|neuves new|occasion used|occasions used|usage used|usagee used
reconditionne used|choix grade|qualite grade|grand large|grande large|grands large
grandes large|petit small|petite small|petits small|petites small|longueur length
largeur width|epaisseur thickness|diametre diameter|hauteur height|poids weight
professionnel professional|professionnelle professional|silencieux quiet|silencieuse quiet
automatique automatic|leger light|legere light|legers light|perdue one way|perdues one way
industrielle industrial|industriel industrial|hygienique hygienic|emboitable nestable
pliable folding|pliant folding|imprime printed|imprimee printed|gomme gummed|gommee gummed
renforce reinforced|filamente filament|vierge blank|vierges blank|directe direct
transfert transfer|mandrin core|feuille sheet|feuilles sheet|paquet pack|paquets pack
colis parcel|lot pack|rlx roll|rl roll|bobine roll|bobines roll|etui case|caisses crate
bac tray|bacs tray|barquette tray|barquettes tray|cartonnage box|cannelures wall
ondulee corrugated|coiffe cover|coiffes cover|housse cover|housses cover|rehausse collar
rehausses collar|intercalaire pad|intercalaires pad|calage voidfill|remplissage voidfill
coussin cushion|coussins cushion|nid honeycomb|abeille honeycomb|plaque board|plaques board
soie tissue|enveloppe envelope|enveloppes envelope|pochette bag|pochettes bag
expedition shipping|postale postal|postales postal|inclus enclosed|fermeture closure
rapide quick|croisillon divider|croisillons divider|bouteille bottle|bouteilles bottle
flacon bottle|flacons bottle|telescopique telescopic|objet item|objets item|dos spine
poignee handle|films film|etirables stretch|etire stretch|preetire pre stretch
devidoir dispenser|devidoirs dispenser|derouleur dispenser|derouleurs dispenser
distributeur dispenser|distributeurs dispenser|chariot trolley|chariots trolley
tendeur tensioner|tendeurs tensioner|agrafe staple|agrafeuse stapler|couteau knife
couteaux knife|rechange spare|recharge refill|recharges refill|marqueur marker
marqueurs marker|pointe tip|pointes tip|ogive bullet|fin fine|feutre marker
metallique metal|metalliques metal|polypropylene pp|polyethylene pe|polystyrene ps
cire wax|velin vellum|fleche arrow|fleches arrow|haut up|mousses foam|mais corn|amidon starch
biodegradables biodegradable|cone tip|cones tip|embout tip|embouts tip|portoir rack
portoirs rack|vrac bulk|steriles sterile|filtre filter|filtres filter|seringue syringe
seringues syringe|regeneree regenerated|regenere regenerated|verre glass|quadrille gridded
unite unit|vide vacuum|microtube microcentrifuge tube|microtubes microcentrifuge tube
cryotube cryogenic tube|cryotubes cryogenic tube|fiole tube|fioles tube|conique conical
coniques conical|filetage thread|externe external|exterieur external
interne internal|puits well|jupe skirt|complete full|complet full|barrette strip
barrettes strip|bandelette strip|bandelettes strip|cuve cuvette
examen examination|chimique chemical|chimiques chemical|paire pair
paires pair|salle cleanroom|combinaison coverall|combinaisons coverall|capuche hood
surchaussure shoe cover|surchaussures shoe cover|charlotte bouffant cap|charlottes bouffant cap
masque mask|masques mask|chirurgical surgical|chirurgicaux surgical|barbe beard
manchette sleeve|manchettes sleeve|tapis mat|collant sticky|collants sticky|couche layer
couches layer|lunette glasses|buee fog|lingette wipe|essuie wipe|tissu cloth|tissee woven
impregnee presaturated|impregnees presaturated|alcool alcohol|isopropylique isopropanol
eau water|chlorure chloride|hydroxyde hydroxide|pastilles pellets|pastille pellets
acide acid|citrique citric|disodique disodium|dihydrate dihydrate|peroxyde peroxide
hydrogene hydrogen|desinfectant disinfectant|sporicide sporicidal|peracetique peracetic
pret ready|denature denatured|absolu absolute|analytique analytical|technique technical
bacteriologique bacteriological|pese weighing|nacelle boat|nacelles boat|autoclavable autoclave
indicateur indicator|alu aluminium|collecteur container|aiguilles needle|conteneur container
assiette plate|assiettes plate|gobelet cup|gobelets cup|couvercle lid|couvercles lid
serviette napkin|serviettes napkin|nappe tablecloth|couvert cutlery|couverts cutlery
fourchette fork|fourchettes fork|cuillere spoon|cuilleres spoon|paille straw|pailles straw
alimentaire food|cuisine kitchen|cabas carrier bag|cuisson baking|tuyau pipe|tuyaux pipe
raccord fitting|raccords fitting|coude elbow|coudes elbow|manchon coupling|manchons coupling
robinet tap|robinets tap|vanne valve|vannes valve|joint seal|joints seal|bride flange
brides flange|cuivre copper|laiton brass|femelle female|reduction reducer|te tee
evacuation drain|siphon trap|siphons trap|cables cable|fil wire|fils wire|goulotte trunking
derivation junction|domino connector|dominos connector|fusible fuse|fusibles fuse
differentiel rcd|tableau panel|eclairage lighting|projecteur floodlight|douille lampholder
enrouleur reel|tension voltage|neutre neutral|terre earth
allumage ignition|bruleur burner|bruleurs burner|chaudiere boiler|chaudieres boiler
cartouche cartridge|cartouches cartridge|voie way|voies way|pompe pump|pompes pump
circulateur circulator|vase vessel|soupape valve|manometre gauge|purgeur vent|flexible hose
flexibles hose|detecteur detector|fuite leak|fuites leak|coupleur coupling|ecrou-raccord nut
thermostatique thermostatic|radiateur radiator|radiateurs radiator|mitigeur mixer
"""

_GERMAN_TRADE = """
neu new|neue new|neuer new|neues new|neuen new|gebraucht used|gebrauchte used|gebrauchten used
gebrauchter used|qualitat grade|gute grade|gross large|klein small|kleine small|kleinen small
lang long|lange length|laenge length|breite width|breit width|dicke thickness|starke thickness
durchmesser diameter|hohe height|hoehe height|gewicht weight|profi professional
professionell professional|leise quiet|gerauscharm quiet|maschine machine|maschinen machine
automatisch automatic|leicht light|industrie industrial|hygienisch hygienic
stapelbar nestable|klappbar folding|faltbar folding|bedruckt printed|nassklebe gummed
nassklebend gummed|verstarkt reinforced|blanko blank|direkt direct|thermodirekt thermal direct
thermotransfer thermal transfer|thermo thermal|kern core|blatt sheet|blatter sheet|bogen sheet
bl sheet|paket pack|pakete pack|packung pack|pkg pack|pck pack|rolle roll|rollen roll|rol roll
ro roll|kiste crate|kisten crate|schachtel box|schachteln box|boxen box|falt folding
wellpappe corrugated|wellig wall|haube cover|hauben cover|aufsetzrahmen collar
zwischenlage pad|zwischenlagen pad|polster cushion|fullmaterial voidfill|fullchips chips
luft air|luftpolster bubble|noppenfolie bubble film|waben honeycomb|platte board|platten board
seidenpapier tissue paper|umschlag envelope|umschlage envelope|briefumschlag envelope
versandtasche envelope|versandtaschen envelope|tasche envelope|taschen envelope
versandbeutel shipping bags|tute bags|tuten bags|versand shipping|post postal
dokumententasche document bag|lieferscheintasche document bag|verschluss closure
schnell quick|flaschen bottle|flasche bottle|gefach divider|gefache divider|archiv archive
teleskop telescopic|druckverschluss zip|minigrip zip|griff handle|folie film|folien film
vorgereckt pre stretch|vorgereckte pre stretch|abroller dispenser|abrollgerat dispenser
spender dispenser|abrollwagen trolley dispenser|wagen trolley|spanner tensioner
spannwerkzeug tensioner|hulse seal|hulsen seal|plombe seal|klammer staple|klammern staple
tacker stapler|messer cutter|sicherheit safety|klinge blade|klingen blade|ersatz spare
nachfull refill|filzstift marker|spitze tip|spitzen tip|fein fine|feine fine
mull bin|metall metal|polypropylen pp|polyethylen pe|polystyrol ps|wachs wax|pfeil arrow
pfeile arrow|oben up|zerbrechlich fragile|vorsicht fragile|glas glass|schaum foam|schaumfolie foam
schaumstoff foam|kanten edge|kante edge|winkel edge|schutz protector|umreifung strapping
umreifungs strapping|band tape|bander tape|pipetten pipette|gestellt racked|lose bulk
steril sterile|spritze syringe|spritzen syringe|vorsatzfilter filter|regenerierte regenerated
regenerierter regenerated|membran membrane|glasfaser glass fibre|faser fibre|kariert gridded
einheit unit|vakuum vacuum|filtration filter|filtrations filter|rohrchen tube|gefass tube
gefasse tube|reaktionsgefass microcentrifuge tube|reaktionsgefasse microcentrifuge tube
zentrifugen centrifuge|kryo cryogenic|konisch conical|deckel cap|deckeln cap|gewinde thread
aussen external|innen internal|vertiefung well|vertiefungen well|rand skirt|voll full
voller full|vollem full|streifen strip|petrischale petri dish|petrischalen petri dish
schale dish|schalen dish|kuvette cuvette|kuvetten cuvette|halbmikro semi micro
untersuchung examination|nitril nitrile|chemikalien chemical|paar pair|paare pair
reinraum cleanroom|schutzanzug coverall|kapuze hood|uberschuhe shoe cover
uberziehschuhe shoe cover|haarhaube bouffant cap|maske mask|masken mask|mundschutz mask
bart beard|armel sleeve|armelschoner sleeve cover|matte mat|matten mat|klebematte sticky mat
lagen layer|lage layer|beschlagfrei anti fog|tucher wipe|tuch wipe|wisch wipe|reinigung cleaning
praezision precision|prazision precision|fusselfrei lint free|fusselfreie lint free
mikrofaser microfibre|vlies nonwoven|getrankt presaturated|getrankte presaturated
alkohol alcohol|aceton acetone|wasser water|natriumchlorid sodium chloride
natronlauge sodium hydroxide|natriumhydroxid sodium hydroxide|platzchen pellets
zitronensaure citric acid|saure acid|wasserstoffperoxid hydrogen peroxide
desinfektionsmittel disinfectant|sporizid sporicidal|peressigsaure peracetic acid
gebrauchsfertig ready to use|vergallt denatured|absolut absolute|analysenrein analytical
technisch technical|bakteriologisch bacteriological|wage weighing|schalchen boat
autoklav autoclave|autoklavier autoclave|indikator indicator|alufolie aluminium foil
abwurf sharps|kanulen sharps|behalter container|labor laboratory|teller plate|becher cup
servietten napkin|besteck cutlery|gabel fork|loffel spoon|trinkhalm straw|strohhalm straw
lebensmittel food|kuche kitchen|tragetasche carrier bag|backpapier baking paper
handtuch towel|handtucher towel|muffe coupling|muffen coupling|verschraubung fitting
hahn tap|ventil valve|ventile valve|kugelhahn ball valve|dichtung seal|dichtungen seal
schelle clamp|schellen clamp|flansch flange|kupfer copper|messing brass|reduzierstuck reducer
abfluss drain|draht wire|kabelkanal trunking|abzweigdose junction box|verteilerdose junction box
sicherung fuse|sicherungen fuse|verteiler panel|beleuchtung lighting|strahler floodlight
fassung lampholder|verlangerung extension|kabeltrommel cable reel|spannung voltage|erde earth
zund ignition|zundung ignition|elektrode electrode|elektroden electrode|brenner burner
kessel boiler|pumpe pump|pumpen pump|umwalzpumpe circulator pump|ausdehnungsgefass expansion vessel
manometer gauge|entluftung vent|entlufter vent|schlauch hose|schlauche hose|leck leak
lecksuch leak detector|kartusche cartridge|kartuschen cartridge|wege way|heizkorper radiator
mischer mixer|pressfitting fitting|kupplung coupling|kupplungen coupling
stuck pc|st pc|stueck pc|mind min|vorn front|euro europe
serologisch serological|serologische serological|verschlusshulse seal|verschlusshulsen seal
essigsaure acetic acid|salzsaure hydrochloric acid|schwefelsaure sulphuric acid|natronlauge sodium hydroxide
natriumchlorid sodium chloride|ethanol ethanol|saccharose sucrose|zellkultur cell culture|platten plates
platte plate|behandelt treated|einzeln individually|verpackt wrapped|kanister can|lose bulk
ausschalter switch 1 way|wechselschalter switch 2 way|kreuzschalter switch intermediate
taster push button|doppel double|reinweiss white|reinweis white|erdung earth|schutzkontakt earth
rahmen frame|abdeckrahmen cover frame|abdeck cover|fach gang|unterputz flush mounting
leuchte light|leuchten light|einbauleuchte downlight|notleuchte emergency light
aderendhulse ferrule|aderendhulsen ferrule|reihenklemme terminal block|reihenklemmen terminal block
"""

# fasteners, hand tools and workshop supplies: "6kt-Schr. DIN 933 M12x60 8.8 vz", "Vis CHC M5x16",
# "Hexagon set screw … BZP" for the catalogue's "Hex head screw ISO 4017 M12x60 zinc plated"
_HARDWARE = """
spanner wrench|spanners wrench|bandspanner tensioner|umreifungsspanner strapping tensioner
hexagon hex|hexagonale hex|hexagonal hex|sechskant hex|6kt hex|shcs socket head cap screw
studding threaded rod|nyloc nylon insert lock nut|nylstop nylon insert lock nut|bzp zinc plated
zp zinc plated|vz zinc plated|verz zinc plated|galv galvanised|galvanisch galvanised
class grade|classe grade|klasse grade|festigkeitsklasse grade|comb combination|tlg pieces
teilig pieces|vpe box of|c/w with|cw with|montagehandschuhe work gloves|beschichtet coated
enduit coated|enduits coated|injektionsmortel chemical anchor resin|mortel resin
abbrechklinge snap off blade|abbrechklingen snap off blade|bohrer drill bit|spiralbohrer drill bit
metallbohrer drill bit|foret drill bit|forets drill bit|meche drill bit|meches drill bit
federring spring lock washer|federringe spring lock washer|gewindebohrer tap
handgewindebohrer hand tap|windeisen tap wrench|senkschraube countersunk screw
senkschrauben countersunk screw|innensechskant socket|zylinderschraube cap screw
zylinderschrauben cap screw|zyl cap|schr screw|gewindestange threaded rod
gewindestangen threaded rod|ringmaulschlussel combination wrench|ringmaulschl combination wrench
maulschlussel open end wrench|gabelschlussel open end wrench|schlussel wrench
drehmomentschlussel torque wrench|stiftschlussel hex key|inbusschlussel hex key
bolzenanker wedge anchor|schwerlastanker wedge anchor|goujon wedge anchor|goujons wedge anchor
schneidol cutting oil|sicherungsmutter lock nut|sicherungsmuttern lock nut|klemmteil nylon insert
stoppmutter nylon insert lock nut|blindniete blind rivet|blindnieten blind rivet|niete rivet
nieten rivet|schraubendreher screwdriver|schraubenzieher screwdriver|kreuzschlitz phillips
schlitz slotted|zange pliers|kombizange combination pliers|seitenschneider diagonal cutting pliers
hammer hammer|schlosserhammer engineer hammer|latthammer claw hammer|sage saw|metallsage hacksaw
kette chain|ketten chain|seil rope|schraubensicherung threadlocker|bit bit|bits bit
scellement anchor|resine resin|autoperceuse self drilling|autoperceuses self drilling
agglo chipboard|marteau hammer|marteaux hammer|manche handle|coffret set|taraud tap|tarauds tap
tige rod|filetee threaded|filete threaded|filetees threaded|cle wrench|cles wrench
mixte combination|dynamometrique torque|pince pliers|pinces pliers|tournevis screwdriver
secable snap off|secables snap off|coupe cutting|soluble soluble|rivet rivet|rivets rivet
satz set|mit with|aveugle blind|chaine chain|chainette chain|corde rope|scie saw|embase flange|fendue split
"""


# the office and the cleaning cupboard: "Falthandtücher", "essuie-mains pliés", "mop heads",
# "Kopierpapier (à 5 Ries)", "Prospekthüllen" for "pochettes perforées"
_OFFICE_AND_CLEANING = """
essoreur wringer|essoreuse wringer|frange mop|franges mop|lavage mop|support frame
lavette cloth|lavettes cloth|microfibres microfibre|pelle dustpan|balayette brush
plie folded|plies folded|pliee folded|pliees folded|toilette toilet|savon soap|savons soap
menage household|mouchoir tissue|mouchoirs tissue|eponge sponge|eponges sponge
grattoir scourer|grattoirs scourer|detergent detergent|vitre glass|vitres glass
javel bleach|lessive laundry detergent|vaisselle dishwashing|liquide liquid
tablette tablet|tablettes tablet|classeur binder|classeurs binder|chemise folder
chemises folder|elastique elastic|elastiques elastic|surligneur highlighter
surligneurs highlighter|stylo pen|stylos pen|bille ballpoint|correcteur correction
perforateur hole punch|trous hole|fenetre window|cahier notebook|cahiers notebook
spirale spiral|carreaux squared|crayon pencil|crayons pencil|ramette ream|ramettes ream
copieur copy|perforee punched|perforees punched|repositionnable sticky
repositionnables sticky|archive archive|archives archive|poubelle bin
haushaltshandschuhe household gloves|haushalt household|putzeimer bucket|eimer bucket
wischmopp mop|mopp mop|mop mop|bezug mop|wischbezug mop|mikrofaser microfibre
mikrofasertuch microfibre cloth|mikrofasertucher microfibre cloth|kehrschaufel dustpan
handfeger brush|kehrgarnitur dustpan brush|falthandtucher folded hand towel
papierhandtucher paper hand towel|toilettenpapier toilet paper|seife soap|schaumseife foam soap
nachfullpack refill|taschentucher tissue|kosmetiktucher tissue|kuchenrolle kitchen roll
kuchenrollen kitchen roll|spulmittel dishwashing liquid|glasreiniger glass cleaner
bodenreiniger floor cleaner|allzweckreiniger cleaner|ordner binder|prospekthulle punched pocket
prospekthullen punched pocket|textmarker highlighter|kugelschreiber ballpoint pen
gelschreiber gel pen|kopierpapier copy paper|ries ream|locher hole punch
tischabroller desk dispenser|heftgerat stapler|hefter stapler|heftklammern staples
klebezettel sticky notes|haftnotizen sticky notes|radiergummi eraser|bleistift pencil
bleistifte pencil|briefumschlag envelope|briefumschlage envelope|archivschachtel archive box
archivschachteln archive box|schnellhefter folder|sichthulle pocket|sichthullen pocket
farbig colour|farbige colour|farbpapier colour paper|couleur colour|couleurs colour
hellblau light blue|dunkelblau dark blue|hellgrun light green|clair light|claire light|fonce dark
alcaline alkaline|alcalines alkaline|alkaline alkaline|alkali alkaline
"""


# medical disposables: "Elastische Binde", "Venenverweilkanüle", "compresses de gaze",
# "perfuseur", "gel échographie" for an English catalogue
_MEDICAL = """
binde bandage|binden bandage|elastisch elastic|elastische elastic|elastischen elastic
mullbinde gauze bandage|verbandmull gauze|kompresse compress|kompressen compress
tupfer swab|pflaster plaster|heftpflaster adhesive plaster|seide silk|venenverweilkanule iv cannula
verweilkanule iv cannula|infusionsbesteck infusion set|infusionsgerat infusion set
einmalspritze syringe|einmalspritzen syringe|untersuchungshandschuhe examination gloves
atemschutzmaske respirator mask|handedesinfektion hand disinfectant|ultraschallgel ultrasound gel
watte cotton wool|verbandwatte cotton wool|urinbecher urine container|abstrichtupfer swab
schwerkraft gravity|rollenklemme roller clamp|thermometer thermometer|schutzhulle cover
compresse compress|compresses compress|gaze gauze|coton cotton|hydrophile hydrophilic
sparadrap plaster|catheter cannula|aiguille needle|aiguilles needle|perfuseur infusion set
tubulure tubing|echographie ultrasound|drap sheet|draps sheet|sonde probe|sondes probe
thermometre thermometer|protege cover|proteges cover|filet net|tubulaire tubular
velpeau elastic bandage|elastique elastic|elastiques elastic|prelevement collection
zahnarzt dental|zahnarztlich dental|dentaire dental|kanule needle|kanuele needle|kanulen needle
masque mask|masques mask|respirator mask|respirators mask|atemschutzmaske mask|sans without|ohne without
absaug suction|absauganlage suction system|aspiration suction|untersuchung examination
"""


# the kitchen and the food-service counter: "Schlagsahne", "Tomaten geschält", "H-Milch",
# "Burger-Patties TK" for the catalogue's "Crème liquide 35 %", "Tomates pelées", "Lait UHT"
_FOOD = """
riz rice|etuve parboiled|tomate tomato|tomates tomato|pelee peeled|pelees peeled
concassee chopped|concassees chopped|lait milk|ecreme skimmed|creme cream|glacee ice cream
glace ice cream|vanille vanilla|frite fries|frites fries|surgele frozen|surgelee frozen
surgeles frozen|surgelees frozen|hache minced|pain bread|brioche brioche|brioche brioche
poulet chicken|panes breaded|pane breaded|cabillaud cod|crevette shrimp|crevettes shrimp
decortiquee peeled|decortiquees peeled|epinard spinach|epinards spinach|haricot beans
haricots beans|legume vegetables|legumes vegetables|farine flour|ble wheat|sucre sugar
sel salt|tournesol sunflower|olive olive|colza rapeseed|friture frying|vinaigre vinegar
moutarde mustard|cafe coffee|levure yeast|chocolat chocolate
beurre butter|agitateur stirrer|boisson drink|froide cold|plateau tray|plateaux tray
saladier salad bowl|bol bowl|charniere hinged|tablier apron|ouate tissue|repas meal
cornet cone|paton dough ball|pate dough|citron lemon|sorbet sorbet|croissant croissant
reis rice|geschalt peeled|gehackt chopped|milch milk|sahne cream|schlagsahne whipping cream
eis ice cream|speiseeis ice cream|vanilleeis vanilla ice cream|pommes fries|tk frozen
tiefgekuhlt frozen|patty burger patty|patties burger patty|burgerpatty burger patty
brotchen bread|hahnchen chicken|kabeljau cod|garnelen shrimp|spinat spinach|bohnen beans
gemuse vegetables|mehl flour|weizenmehl wheat flour|zucker sugar|salz salt
sonnenblumenol sunflower oil|olivenol olive oil|rapsol rapeseed oil|frittierol frying oil
essig vinegar|senf mustard|kaffee coffee|hefe yeast|schokolade chocolate
ruhrstab stirrer|pappbecher paper cup|menuschale meal tray|frischhaltefolie cling film
haarnetz hair net|zitrone lemon|teig dough|teiglinge dough ball
bun bread|buns bread|whipping whipping|uht uht|pizza pizza|burger burger|kraft kraft
puderzucker icing sugar|staubzucker icing sugar|sirop syrup|sirup syrup|glukose glucose|glucose glucose
frisch fresh|frais fresh|fraiche fresh|sonnenblume sunflower|sonnenblumen sunflower|tournesol sunflower
"""


# plumbing and heating: "Manchon à sertir multicouche", "Sicherheitsgruppe", "Rohrisolierung"
_PLUMBING = """
sertir press|multicouche multilayer|manchon coupling|coude elbow|reduction reducer
vanne valve|sphere ball|tubulure tubing|cuivre copper|laiton brass
isolation insulation|groupe group|securite safety
chauffe water heater|vase vessel|expansion expansion|circulateur circulator
ventilateur fan|extraction extraction|combustion combustion|allumage ignition|electrode electrode
clapet check valve|manometre gauge
detendeur pressure reducing valve|radiateur radiator|tete head|thermostatique thermostatic
flexible hose|inox stainless|tresse braided|colle adhesive|filasse hemp
barre bar|barres bar|ecrouie half hard|ecroui half hard
pressmuffe press coupling|pressbogen press elbow|presswinkel press elbow|press-t-stuck press tee
mehrschicht multilayer|mehrschichtverbundrohr multilayer pipe|verbundrohr multilayer pipe
kupfer copper|rotguss gunmetal|kugelhahn ball valve
absperrventil valve|ruckschlagventil check valve|ruckflussverhinderer check valve
druckminderer pressure reducing valve|sicherheitsgruppe safety group|warmwasserspeicher water heater
speicher water heater|ausdehnungsgefass expansion vessel|umwalzpumpe circulator pump
heizungspumpe circulator pump|schnellentluefter air vent|schnellentlufter air vent
rohrisolierung pipe insulation|isolierung insulation|rohrschelle pipe clip|rohrschellen pipe clip
rucklaufverschraubung lockshield valve|verschraubung fitting|eck angle|durchgang straight
thermostatkopf thermostatic head|thermostatventil thermostatic radiator valve
heizkorperventil radiator valve|flexschlauch flexible hose|panzerschlauch braided hose
gebläse fan|geblase fan|zundelektrode ignition electrode|ionisationselektrode flame sensing electrode
dichtungssatz gasket kit|siphon trap|kondensat condensate|lotbogen end feed elbow
abflussrohr waste pipe|hanf hemp|dichtband ptfe tape|gewindedichtband ptfe tape
heizung heating|heizungs heating|chauffage heating|inhibiteur inhibitor|inhibitor inhibitor
anlage system|anlagen system|systeme system|desembouage cleaner
"""


# the words of workwear and PPE, paints and decorating, gardens, electrical installation,
# laboratories, and what every trade says of sizes, colours, containers and qualifiers; none is
# an English word that means something else ("Hose" is trousers only inside its compounds)
_FRENCH_MORE = """
noire black|blanche white|verte green|grise grey|brune brown
pantalon trousers|veste jacket|blouson jacket|polaire fleece|doudoune padded jacket|manteau coat
chemisette short sleeve shirt|cotte overall|salopette bib trousers|bretelle braces
impermeable waterproof|etanche waterproof|respirant breathable
doublee lined|fourre lined|matelasse padded
manches sleeve|longue long|courte short|genouillere knee pads|genou knee
renfort reinforcement|reflechissant reflective|retroreflechissant reflective
fluorescente fluorescent|pointure size|chaussure shoes|botte boots
bottine ankle boots|brodequin boots|montante high|basse low|semelle sole|antiderapant anti slip
casquette cap|cagoule balaclava|jugulaire chin strap
respiratoire respiratory|harnais harness|antichute fall arrest|longe lanyard
ignifuge flame retardant|antistatique antistatic
homme men|tricote knitted|paume palm|bouton button|ceinture belt
chaussette socks|lacet laces|laine wool|unisexe unisex
fut drum|futs drum|jerrican can|pinceau brush|primaire primer|accrochage bonding
rebouchage filler|lissage smoothing|vernis varnish|laque lacquer|satine satin
brillant gloss|acrylique acrylic|glycero alkyd|vinylique vinyl
plafond ceiling|mur wall|boiserie woodwork|bache tarpaulin|abrasif abrasive|ponceage sanding
poncer sanding|spatule spatula|truelle trowel|diluant thinner
terebenthine turpentine|pistolet gun|perche pole|incolore clear|durcisseur hardener
tapisserie wallpaper|bombe spray
terreau compost|tourbe peat|paillage mulch|paillis mulch|ecorce bark|jardiniere planter
semence seed|graine seed|bulbe bulb|engrais fertiliser|lente slow|gazon lawn|pelouse lawn
haie hedge|cisaille shears|secateur secateurs|rateau rake|beche spade|binette hoe|fourche fork
arrosoir watering can|arrosage watering|voile fleece|tuteur stake|piquet stake|desherbant weedkiller
fongicide fungicide|plante plant|fleur flower|tondeuse mower
brouette wheelbarrow
gravier gravel|asperseur sprinkler|arroseur sprinkler|jardin garden
conducteur conductor|ame core|rigide rigid|souple flexible|touret drum|variateur dimmer
telerupteur impulse relay|contacteur contactor|relais relay|minuterie timer
reglette batten|plafonnier ceiling light|encastrable recessed|encastre recessed|saillie surface
cosse lug|parafoudre surge protector|sectionneur isolator|transformateur transformer
alimentation supply|chargeur charger|batterie batteries|mouvement motion
unipolaire single pole|bipolaire double pole|tripolaire three pole|tetrapolaire four pole
monophase single phase|triphase three phase
reactif reagent|solvant solvent|gradue graduated|jaugee volumetric
entonnoir funnel|verrerie glassware|creuset crucible|dessiccateur desiccator|barreau bar
aimante magnetic|magnetique magnetic|centrifugeuse centrifuge|paillasse bench|hotte hood
pissette wash bottle|pur pure|anhydre anhydrous|chloroforme chloroform
azote nitrogen|oxygene oxygen|formol formalin|tamis sieve|microplaque microplate|ciseaux scissors
paraffine paraffin
ficelle twine|sangle strap|cliquet ratchet|arrimage lashing|etiqueteuse labeller|soufflet gusset
conditionnement pack|contenance capacity|douzaine dozen|pce pc|pces pc|jeu set
assortiment assortment
argent silver|argente silver|dore gold|doree gold|kaki khaki
assorti assorted
lavabo washbasin|evier sink|douche shower|baignoire bath|abattant toilet seat|bonde waste
chalumeau blowtorch|gaz gas|programmateur programmer|regulateur regulator|plancher floor
gouttiere gutter
tasse cup|touillette stirrer|jus juice
oeuf eggs|viande meat|fromage cheese|poisson fish
poivre pepper|epice spice
torchon tea towel|gastronorme gastronorm
serpilliere floor cloth|detartrant descaler|moquette carpet
aspirateur vacuum cleaner|autolaveuse scrubber dryer
equerre angle bracket|serrure lock|cadenas padlock|goupille pin|ressort spring
etau vice|perceuse drill|visseuse drill driver|meuleuse grinder|ponceuse sander|niveau level
echelle ladder|escabeau stepladder|etabli workbench|outil tool|elingue sling|manille shackle
refroidissement cooling|antigel antifreeze|frein brake|moteur engine|pneu tyre|lustrant polish
degrippant penetrating oil|courroie belt|roulement bearing
pansement dressing|attelle splint|garrot tourniquet|alese underpad|tensiometre blood pressure monitor
lancette lancet
etroit narrow|epais thick|epaisse thick|lourd heavy|rond round|ronde round
carre square|gauche left
reglable adjustable|amovible removable|lavable washable|reutilisable reusable
resistante resistant|chaleur heat|froid cold|moyen medium|moyenne medium|avec with
interieur internal
carrelage tiles|outillage tool|eclaire illuminated|cylindre cylinder|capuchon cap
punaise drawing pin|encre ink|imprimante printer
desinfection disinfection|nettoyage cleaning|bistouri scalpel|surblouse gown|tirefond coach screw|loquet latch
paumelle hinge
sertissage press|robinetterie tap|flotteur float|pqt pack|bte box|btes box
auditif hearing|auditive hearing|filtrant filtering|demi half|ancrage anchor
"""

_GERMAN_MORE = """
arbeit work|arbeitshose work trousers|latzhose bib trousers|bundhose trousers|regenhose rain trousers
warnschutzhose high visibility trousers|schnittschutzhose cut-resistant trousers|winterhose winter trousers
kurz short|kurze short|jacke jacket|weste vest|hemd shirt|kittel coat|regen rain|regenmantel raincoat
schuh shoes|stiefel boots|gummi rubber|halbschuh low shoes|sandale sandals
kappe cap|zehenschutzkappe toe cap|sohle sole|einlegesohle insole|zwischensohle midsole
rutschfest anti slip|rutschhemmend anti slip|knietasche knee pad pocket|knieschoner knee pads
knieschutz knee pads|kniepolster knee pads|knie knee|reflektierend reflective|reflexstreifen reflective strip
warnschutz high visibility|wasserdicht waterproof|atmungsaktiv breathable|gefuttert lined
wattiert padded|gepolstert padded|winddicht windproof|langarm long sleeve|kurzarm short sleeve
armellos sleeveless|bauhelm helmet|visier visor|kinnriemen chin strap|gesichtsschutz face shield
atemschutz respiratory protection|halbmaske half mask|vollmaske full face mask
gehorschutz hearing protection|kapselgehorschutz earmuffs|auffanggurt fall arrest harness
verbindungsmittel lanyard|kalte cold|kalt cold|hitze heat|schweisser welder|schweissen welding
flammhemmend flame retardant|antistatisch antistatic|herren men|damen women|mutze beanie
anstosskappe bump cap|sturmhaube balaclava|socke socks|gurtel belt|hosentrager braces
reissverschluss zip|klettverschluss hook and loop|kragen collar|baumwolle cotton|wolle wool
gewebe fabric
fass drum|fasser drum|trommel drum|gebinde container|farbdose paint can|blechdose can
farbrolle paint roller|walze roller|pinsel brush|grundierung primer|haftgrund bonding primer
tiefgrund primer|spachtelmasse filler|spachtel spatula|kitt putty|klarlack clear lacquer
lasur wood stain|holzlasur wood stain|dispersionsfarbe emulsion paint|wandfarbe wall paint
deckenfarbe ceiling paint|fassadenfarbe masonry paint|seidenmatt satin|hochglanz high gloss
glanz gloss|glanzend gloss|malerkrepp masking tape|abdeckplane dust sheet|abdeckfolie dust sheet
schleifpapier sandpaper|schleifschwamm sanding sponge|schleifklotz sanding block|kornung grit|korn grit
glatt smooth|verdunnung thinner|verdunner thinner|terpentinersatz white spirit
testbenzin white spirit|terpentin turpentine|silikon silicone|acryl acrylic|dichtstoff sealant
dichtmasse sealant|fuge joint|pistole gun|teleskopstange telescopic pole|verlangerungsstange extension pole
tapete wallpaper|kleister paste
kleber adhesive|fliese tile|abbeizer paint stripper|farblos clear
blumenerde compost|pflanzerde compost|kompost compost|torf peat|frei free|rindenmulch bark mulch
rinde bark|topf pot|topfe pot|blume flower|anzuchtschale seed tray|saatgut seed|samen seed|saat seed
blumenzwiebel bulb|dunger fertiliser|langzeitdunger slow release fertiliser|granulat granules
hecke hedge|heckenschere hedge shears|schere scissors|gartenschere secateurs|rosenschere secateurs
astschere loppers|rechen rake|harke rake|spaten spade|schaufel shovel|hacke hoe|grabegabel digging fork
schlauchwagen hose reel|schlauchtrommel hose reel|giesskanne watering can|garten garden
unkrautvlies weed membrane|unkraut weed|pfahl stake|pfosten post|kies gravel
schubkarre wheelbarrow|maher mower|unkrautvernichter weedkiller|gewachshaus greenhouse|rasen lawn
ader core|adrig core|querschnitt cross section|litze stranded|rohr tube|installationsrohr conduit
leerrohr conduit|fehlerstromschutzschalter rcd|uberspannungsschutz surge protector
gluhbirne bulb|leuchtmittel bulb|leuchtstoffrohre fluorescent tube|feuchtraum damp proof
schutzleiter earth|neutralleiter neutral|stehleiter stepladder|anlegeleiter ladder|bockleiter stepladder
stecker plug|kabelschuh cable lug|netzteil power supply|trafo transformer|transformator transformer
akku batteries|ladegerat charger|bewegungsmelder motion detector|melder detector|rauch smoke
einpolig single pole|zweipolig double pole|dreipolig three pole|vierpolig four pole|drehstrom three phase
aufputz surface|zeitschaltuhr timer
reagenz reagent|losungsmittel solvent|losung solution|erlenmeyerkolben erlenmeyer flask
rundkolben round bottom flask|messkolben volumetric flask|becherglas beaker|messzylinder measuring cylinder
zylinder cylinder|reagenzglas test tube|gestell rack|schraubverschluss screw cap|schraubdeckel screw cap
graduiert graduated|trichter funnel|pufferlosung buffer solution|reinheit purity|wasserfrei anhydrous|spatel spatula
tiegel crucible|exsikkator desiccator|ruhrer stirrer|zentrifuge centrifuge|spritzflasche wash bottle
stickstoff nitrogen|sauerstoff oxygen|natrium sodium|kalium potassium|chlorid chloride|sulfat sulphate
salpetersaure nitric acid|phosphorsaure phosphoric acid|ameisensaure formic acid|objekttrager microscope slide
deckglas coverslip|mikrotiterplatte microplate
sacke bags|mullsack bin bags|bundel bundle|korb basket|kasten box|sortiment assortment|dutzend dozen
stk pc|pkt pack|spanngurt ratchet strap|zurrgurt ratchet strap|polsterumschlag padded envelope
rosa pink|lila purple|violett purple|turkis turquoise|silber silver|marineblau navy|dunkel dark
anthrazit anthracite|oliv olive|hellgrau light grey|leuchtgelb fluorescent yellow|leuchtorange fluorescent orange
waschbecken washbasin|spulbecken sink|dusche shower|badewanne bath|waschtischarmatur basin tap|kuchenarmatur kitchen tap|geruchsverschluss trap
rohrbogen elbow|flussmittel flux|fussbodenheizung underfloor heating|regler controller|warmwasser hot water
absperrhahn stop valve|dachrinne gutter|fallrohr downpipe|spulkasten cistern
teebeutel tea bags|saft juice|eier eggs|fleisch meat
kartoffel potato
nudeln pasta|brot bread|pfeffer pepper
gewurz spice|tablett tray|tischdecke tablecloth|einweggeschirr disposable tableware
flussig liquid|schwamm sponge|besen broom|abzieher squeegee|staubsauger vacuum cleaner|entkalker descaler
chlor chlorine|bleichmittel bleach|waschmittel detergent
bohrmaschine drill|schrauber drill driver|winkelschleifer angle grinder|stichsage jigsaw|feile file
wasserwaage spirit level|massband tape measure|zollstock folding rule|meterstab folding rule
schraubstock vice|werkzeug tool|schloss lock|vorhangschloss padlock|vorhangeschloss padlock
scharnier hinge|haken hook|feder spring|schweissdraht welding wire|schakel shackle
frostschutz antifreeze|kuhlmittel coolant|scheibenreiniger screenwash|scheibenwischer wiper
bremse brake|bremsbelag brake pad|motorol engine oil|zundkerze spark plug|reifen tyre
kriechol penetrating oil|politur polish|riemen belt|kugellager ball bearing
walzlager bearing
verband dressing|stauschlauch tourniquet|blutdruckmessgerat blood pressure monitor
lanzette lancet|krankenunterlage underpad
nahtmaterial suture|skalpell scalpel|pinzette tweezers
netzkabel power cord|netzstecker mains plug|verbandskasten first aid kit|gewindestift grub screw|lotkolben soldering iron
stopfen plugs|langsam slow|vollkorn wholemeal|akkubohrer cordless drill|akkuschrauber cordless drill driver
stehkolben flat bottom flask|lotfitting solder fitting|rohrzange pipe wrench|tinte ink|drucker printer|patrone cartridge
klebestift glue stick|buroklammer paper clip|reisszwecke drawing pin
notizblock notepad|schreibblock writing pad|trennblatt divider|stempel stamp|stempelkissen ink pad
putzmittel cleaner|scheuerschwamm scourer|schwammtuch sponge cloth|kehrbesen broom|abfall waste|desinfektion disinfection
isolationskittel isolation gown|winkelverbinder angle bracket|blechschraube self tapping screw|bremsflussigkeit brake fluid
flussigkeit fluid|wischerblatt wiper blade
ktn box|krt box|btl bags|paketschnur twine|bindfaden twine
schmal narrow|schwer heavy|rund round|gerade straight|rechts right
verstellbar adjustable|abnehmbar removable|waschbar washable|wiederverwendbar reusable|bestandig resistant
bundjacke jacket|softshelljacke softshell jacket|fleecejacke fleece jacket|kapuzenpullover hoodie
strickjacke cardigan|winterjacke winter jacket|winterstiefel winter boots|vollsichtbrille goggles|korbbrille goggles
"""


# words the same in German and English, known so that a compound of them splits
# ("Handabroller", "Filterspitzen", "Latexhandschuhe")
# everyday goods of other trades: pet shops, drinks, bikes, building sites, heating, cleaning
_EVERYDAY = """
tag day|tage day|jour day|jours day|stunde hour|stunden hour|heure hour|heures hour
chien dog|chiens dog|chiot puppy|chiots puppy|chat cat|chats cat|chaton kitten|chatons kitten
hund dog|hunde dog|welpe puppy|welpen puppy|katze cat|katzen cat|katzchen kitten
croquettes dry food|croquette dry food|trockenfutter dry food|futter food|aliment food
aliments food|nourriture food|patee wet food|nassfutter wet food|barquette tray|barquettes tray
litiere litter|streu litter|laisse leash|laisses leash|leine leash|leinen leash
harnais harness|brustgeschirr harness|halsband collar|halsbander collar|burste brush
buerste brush|bursten brush|shampooing shampoo|shampoing shampoo|friandise treats
friandises treats|leckerli treats|leckerlis treats|huhn chicken|hahn chicken|agneau lamb
lamm lamb|saumon salmon|lachs salmon|thon tuna|thunfisch tuna|boeuf beef|rind beef
canard duck|ente duck|dinde turkey|pute turkey|poisson fish|poissons fish|fisch fish
flocons flakes|flocken flakes|gamelle bowl|napf bowl|jouet toy|jouets toy|spielzeug toy
dejections poop|kot poop|griffoir scratching post|kratzbaum scratching post|sterilise sterilised
sterilisee sterilised|sterilisiert sterilised|adulte adult|erwachsene adult|senior senior
bouteille bottle|bouteilles bottle|flasche bottle|flaschen bottle|biere beer|bier beer
vin wine|vins wine|wein wine|eau water|wasser water|gazeuse sparkling|petillante sparkling
sprudel sparkling|plate still|still still|jus juice|saft juice|fut keg|fass keg|rouge red
blanc white|rose rose|demi half|magnum magnum|caisse case|kiste case
pneu tyre|pneus tyre|reifen tyre|chambre tube|schlauch tube|schlauche tube|chaine chain
kette chain|ketten chain|plaquettes pads|belage pads|bremsbelage brake pads|frein brake
bremse brake|casque helmet|helm helmet|helme helmet|eclairage light|feu light|lampe light
licht light|scheinwerfer front light|rucklicht rear light|cadenas lock|schloss lock
antivol lock|batterie battery|akku battery|chargeur charger|ladegerat charger|selle saddle
sattel saddle|pedale pedal|pedales pedal|cassette cassette|kassette cassette|rayon spoke
rayons spoke|speiche spoke|speichen spoke|valve valve|ventil valve|ventile valve
ciment cement|zement cement|mortier mortar|mortel mortar|sable sand|gravier gravel|kies gravel
plaque board|platte board|platten board|platre plaster|gips plaster|bois wood|holz wood
poutre beam|balken beam|latte batten|latten batten|lattes batten|tuile tile|ziegel tile
isolation insulation|dammung insulation|laine wool|wolle wool|verre glass|glas glass
pare vapour|dampfbremse vapour barrier|membrane membrane|bahn membrane|gouttiere gutter
dachrinne gutter|descente downpipe|fallrohr downpipe|clou nail|nagel nail|equerre angle
winkel angle|sac bag|sack bag|palette pallet
pompe pump|pumpe pump|vanne valve|robinet valve|hahn tap|thermostat thermostat
ventilateur fan|ventilator fan|moteur motor|motor motor|helice fan blade|filtre filter
cuivre copper|kupfer copper|tube pipe|rohr pipe|rohre pipe|tuyau pipe|raccord fitting
fitting fitting|detendeur expansion valve|expansionsventil expansion valve|support bracket
halterung bracket|frigorigene refrigerant|kaltemittel refrigerant|bouteille cylinder
detergent detergent|reinigungsmittel detergent|nettoyant cleaner|reiniger cleaner
desinfectant disinfectant|desinfektion disinfectant|javel bleach|bleichmittel bleach
savon soap|seife soap|essuie towel|handtuch towel|papier paper|toilette toilet|wc toilet
serpillere mop|frange mop|mopp mop|wischmopp mop|balai broom|besen broom|chariot trolley
wagen trolley|poubelle bin|mulleimer bin|mullsack bin bag|mullbeutel bin bag|distributeur dispenser
spender dispenser|recharge refill|nachfullung refill
"""

# hotels' linen, bathroom and table
_HOSPITALITY = """
douche shower|dusch shower|duschgel shower gel|gel gel|savonnette soap|savonnettes soap|linge towel|linges towel
tuch towel|tucher towel|handtuch hand towel|handtucher hand towel|badetuch bath towel
duschtuch shower towel|bain bath|bad bath|main hand|mains hand|tapis mat|vorleger mat
badvorleger bath mat|peignoir bathrobe|peignoirs bathrobe|bademantel bathrobe
bademantel bathrobe|drap sheet|draps sheet|laken sheet|bettlaken sheet|leintuch sheet
spannbettlaken fitted sheet|housse cover|housses cover|bezug cover|couette duvet
bettdecke duvet|oreiller pillow|oreillers pillow|kissen pillow|taie pillowcase
taies pillowcase|kissenbezug pillowcase|eponge terry|frottee terry|frotte terry
bonnet cap|haube cap|duschhaube shower cap|flacon bottle|flacons bottle|tasse cup|tasses cup|assiette plate
assiettes plate|teller plate|couverts cutlery|besteck cutlery|nappe tablecloth
hydroalcoolique hand disinfectant|nappes tablecloth|tischdecke tablecloth|dentaire dental|zahn dental|peigne comb|kamm comb
"""

# workwear's finishing: "Rückenbestickung" of a "broderie dos" (a back is a "spine", as the
# "dos" of a binder already is)
_WORKWEAR = """
broderie embroidery|broderies embroidery|brode embroidered|brodee embroidered
poitrine chest|coeur chest|manche sleeve|manches sleeve|ecusson badge|ecussons badge
bestickung embroidery|stickerei embroidery|bestickt embroidered|rucken spine|ruecken spine
ruckenbestickung spine embroidery|rueckenbestickung spine embroidery|brustbestickung chest embroidery
aufnaher badge|aufnaeher badge|armel sleeve|aermel sleeve|kochjacke chef jacket|kochjacken chef jacket
veste jacket|cuisine chef|cuisinier chef|tablier apron|schurze apron|schuerze apron
"""

# haberdashery, sports, optics, adhesives and brewing: "Polyesterknöpfe 4-Loch" are "boutons
# 4 trous", "Kombilösung" a "solution multifonction", "Demogläser" "verres de démonstration"
_MORE_TRADES = """
ballon ball|ballons ball|balle ball|volleyball volley ball|handball hand ball|basketball basket ball
knopf button|knopfe button|knoepfe button|druckknopf snap button|druckknopfe snap button
pression snap|coudre sewing|loch hole|locher hole|nickele nickel|nickelee nickel|vernickelt nickel
annah sewing|nahgarn sewing thread|naehgarn sewing thread|garn thread|faden thread
lentille lens|lentilles lens|kontaktlinsen contact lens|multifonction multipurpose
kombi multipurpose|kombilosung multipurpose solution|demo demonstration|glaser glass
protecteur protector|monture frame|montures frame|fassung frame|brillenfassung frame
brillenetui case|putztuch cloth|putztucher cloth|chiffonnette cloth|chiffonnettes cloth
malz malt|hopfen hops|houblon hops|flasche bottle|flaschen bottle|bouteille bottle
bouteilles bottle|kronkorken crown cap|capsule cap|capsules cap|vinylique pva
stratification laminating|durcisseur hardener|harter hardener|kleber adhesive
klebstoff adhesive|dichtstoff sealant|mastic sealant|kartusche cartridge|cartouche cartridge
cartouches cartridge|kartuschen cartridge|tubes tube|plot cone|plots cone|kegel cone
hutchen cone|chasuble bib|chasubles bib|leibchen bib|sifflet whistle|pfeife whistle
"""

# food and pastry, building sites, libraries, stages and apiaries
_MORE_TRADES_TOO = """
pistache pistachio|pistaches pistachio|noisette hazelnut|noisettes hazelnut|mangue mango
amande almond|amandes almond|mandel almond|mandeln almond|mehl flour|farine flour
blanchiert blanched|blanchie blanched|blanchies blanched|isotherme insulated
isothermes insulated|porte door|vitrine display|congelateur freezer|tiefkuhl freezer
patissier pastry|patissiere pastry|papillon wing|flugel wing|serre-joint clamp
serre-joints clamp|zwinge clamp|coffrage formwork|schalung formwork|ligaturer tie
ligature tie|recuit annealed|gegluht annealed|entretoise spacer|entretoises spacer
decoffrage release|verin jack|verins jack|attache tie|attaches tie|pivotant swivel
pivotants swivel|orthogonal right angle|orthogonaux right angle|spindelfuss base jack
pulver powder|serre-livres bookend|serre-livre bookend|buchstutze bookend|leim glue
kleister paste|starke starch|weizen wheat|fett grease|gaffa gaffer|fiche connector
femelle female|stecker connector|buchse connector|brouillard haze|nebel smoke|fumee smoke
wasserbasiert water based|cadre frame|cadres frame|ruche hive|ruches hive|toit roof
couvre cover|corps body|monte assembled|montes assembled|anker tie|ancrage tie|acryl acrylic|form shape
sicile sicily|sizilien sicily|piemont piedmont
"""

# garden furniture and outdoor living: "Bistrotisch rund Ø 60 cm" is the "table bistrot ronde"
# and the "round bistro table"
_GARDEN = """
tisch table|tische table|bistrotisch bistro table|gartentisch garden table|stuhl chair
stuhle chair|bistrostuhl bistro chair|sessel armchair|positionssessel reclining chair
bank bench|gartenbank garden bench|liege lounger|sonnenliege sun lounger|auflage cushion
auflagen cushion|sitzkissen seat cushion|dekokissen scatter cushion|liegenauflage lounger cushion
bankauflage bench cushion|hochlehner high back|schirm parasol|mittelmastschirm centre pole parasol
balkonschirm balcony parasol|ampelschirm cantilever parasol|schirmstander parasol base
schirmsockel parasol base|schutzhulle cover|sonnensegel shade sail|granit granite
bistro bistro|bistrot bistro|chaise chair|chaises chair|tables table|fauteuil armchair
fauteuils armchair|banc bench|bancs bench|transat lounger|transats lounger|galette seat cushion
galettes seat cushion|parasols parasol|pied base|pieds base|socle base|socles base
ronde round|rondes round|rond round|ronds round|assortie matching|assorties matching
balcon balcony|dossier back|voile sail|ombrage shade|salon set|jardin garden
"""


# a Dutch or Flemish catalogue ("POM-C staf Ø20 mm zwart", "PE500 plaat naturel") meets an
# English, French or German order
_DUTCH = """
staf rod|staven rod|plaat sheet|platen sheet|buis tube|buizen tube|gegoten cast|zwart black
naturel natural|rood red|blauw blue|geel yellow|groen green|grijs grey|bruin brown|lengte length
dikte thickness|breedte width|rol roll|rollen roll|doos box|dozen box|zak bags|zakken bags
stuks piece|handschoenen gloves|handschoen gloves|schroef screw|schroeven screw|moer nut
moeren nut|slang hose|slangen hose|kabel cable|plakband tape|verpakking packing|fles bottle
flessen bottle|emmer bucket|olie oil|reiniger cleaner|spuitbus spray|verf paint|etiket labels
etiketten labels|veiligheidsbril safety glasses|schoenen shoes|schaar scissors|touw rope
draad wire|staal steel|roestvrij stainless|kunststof plastic|hout wood|schuim foam
granulaat granules|korrels granules|wit white|transparant clear|zwarte black|witte white
"""

# goods of any trade: woods, materials, parts, what hot and cold, left and right are called
_GENERAL = """
cerise cherry|cerises cherry|noyau stone|noyaux stone|chaud hot|chaude hot|chauds hot
cale block|cales block|ventouse suction|ventouses suction|kiefer pine|kiefernholz pine|roh raw
eiche oak|buche beech|fichte spruce|tanne fir|birke birch|ahorn maple|nussbaum walnut
chene oak|hetre beech|sapin fir|noyer walnut|erable maple|bouleau birch|caoutchouc rubber
roue wheel|roues wheel|rad wheel|rader wheel|roulette castor|roulettes castor|crochet hook
crochets hook|anneau ring|anneaux ring|oeillet eyelet|oeillets eyelet|ose eyelet|osen eyelet
miroir mirror|miroirs mirror|spiegel mirror|matelas mattress|couverture blanket|cirage polish
talon heel|talons heel|absatz heel|absatze heel|faitage ridge|faitiere ridge
guirlande festoon|guirlandes festoon|lumineux light|lumineuse light|lumineuses light
connecteur connector|connecteurs connector|verbinder connector|droite right|droit right
wendel spiral|quirl whisk|schleifband sanding belt|gurt strap|gurte strap|hering peg
heringe peg|pflock peg|pflocke peg|tente tent|zelt tent|zelte tent|boden floor|teppich carpet
stift pin|stange bar|profil profile|baguette moulding|baguettes moulding|leiste strip
hulle cover|schnursenkel lace|zink zinc|kunststoff plastic|filz felt|klar clear
natur natural|hell light|dick thick|dunn thin|hoch high|niedrig low|doppelt double
einfach single|rechargeable refillable|nachfullbar refillable|teil part|teile part
klettband hook loop|klettverschluss hook loop|kinesiotape kinesiology tape|kontakt contact
"""

_SAME = """
hand|filter|latex|marker|box|film|stretch|pipette|nylon|vinyl|pcr|ph|pe|pp|ps|pet|pvc|alu
kraft|zip|mini|maxi|euro|epal|thermal|transfer|label|tape|glas|test|rack|ring|tube|plan
universal|standard|premium|extra|super|spezial|cutter|karton|clip|stop|fix|labor|tensioner
"""

# English words that say the same as the catalogue's own (one word for one thing)
_ENGLISH = """
polypropylene pp|polyethylene pe|polystyrene ps|mailer envelope|mailers envelope
vial tube|vials tube|microtube microcentrifuge tube|microtubes microcentrifuge tube
cryotube cryogenic tube|cryo cryogenic|cones tip|mailing shipping|wrap film|strap strapping
straps strapping|crimp seal|buckle buckles|gun dispenser|knife cutter|loose bulk|pk pack
secondhand used|oneway one way|transparent clear|layer pad|void voidfill|fill voidfill|stretched stretch
saturated presaturated|glue adhesive|glues adhesive|spool roll|spools roll|poly polyester|coupler coupling|couplers coupling|couplings coupling|lid cap|lids cap|micron um|microns um|mic um|mu um|my um|racks rack|racked rack
"""


def _table(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in text.replace("\n", "|").split("|"):
        entry = entry.strip()
        if entry:
            word, _, english = entry.partition(" ")
            out[word] = english
    return out


_ALREADY = {
    w
    for block in (_FRENCH, _FRENCH_TRADE, _GERMAN, _GERMAN_TRADE, _HARDWARE, _OFFICE_AND_CLEANING)
    + (_MEDICAL, _FOOD, _PLUMBING, _FRENCH_MORE, _GERMAN_MORE)
    for w in _table(block)
}
_GLOSSARY: dict[str, str] = {
    **{w: w for w in _SAME.replace("|", " ").split()},
    **_table(_FRENCH),
    **_table(_FRENCH_TRADE),
    **_table(_GERMAN),
    **_table(_GERMAN_TRADE),
    **_table(_HARDWARE),
    **_table(_OFFICE_AND_CLEANING),
    **_table(_MEDICAL),
    **_table(_FOOD),
    **_table(_PLUMBING),
    **_table(_FRENCH_MORE),
    **_table(_GERMAN_MORE),
    **{w: e for w, e in _table(_EVERYDAY).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_HOSPITALITY).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_WORKWEAR).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_MORE_TRADES).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_MORE_TRADES_TOO).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_DUTCH).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_GARDEN).items() if w not in _ALREADY},
    **{w: e for w, e in _table(_GENERAL).items() if w not in _ALREADY},
    **_table(_ENGLISH),
}
# every translation in the catalogue's own words: "Luftpolsterfolie" is "bubble wrap", and
# "wrap" is "film", as the French "film bulle" says
_SYNONYMS = _table(_ENGLISH)
GLOSSARY: dict[str, str] = {
    word: " ".join(_SYNONYMS.get(w, w) for w in english.split())
    for word, english in _GLOSSARY.items()
}


# plural and case endings: "rouleaux", "Rollen", "Kartons", "Beuteln"
_ENDINGS = (("s", 4), ("x", 4), ("n", 5), ("e", 5), ("en", 5), ("es", 5), ("er", 5))
# what joins the parts of a German compound: "Sicherheit-s-messer", "Pipette-n-spitzen"
_LINKS = ("", "s", "n", "en", "es")


def _known(word: str) -> str | None:
    if word in GLOSSARY:
        return GLOSSARY[word]
    for ending, shortest in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= shortest and stem in GLOSSARY:
            return GLOSSARY[stem]
    return None


def _compound(word: str, depth: int = 0) -> str | None:
    """A German compound in its parts, the last part (what the thing is) the longest known:
    "Luftpolsterversandtaschen" → "bubble envelope", "Schaumfolie" → "foam film"."""
    for i in range(3, len(word) - 3):
        tail = _known(word[i:])
        if tail is None:
            continue
        head = word[:i]
        for link in _LINKS:
            if not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)]
            if len(stem) < 3:
                continue
            first = _known(stem) or (_compound(stem, depth + 1) if depth < 2 else None)
            if first:
                return f"{first} {tail}"
    if depth == 0:
        # "Zupfbürsten": a head we do not know, and the thing it is, which we do
        for i in range(4, len(word) - 4):
            tail = _known(word[i:])
            if tail is not None and len(word) - i >= 5:
                return f"{word[:i]} {tail}"
    return None


@lru_cache(maxsize=50_000)
def in_english(word: str) -> str:
    """The English word(s) for a folded French or German word (a plural, a compound of known
    parts too); the word itself otherwise."""
    known = _known(word)
    if known is not None:
        return known
    if len(word) >= 8 and word.isalpha():
        return _compound(word) or word
    return word
