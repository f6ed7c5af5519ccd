#include "i18n.hpp"

#include <array>

namespace alis::web {

namespace {

// Bokmål, nynorsk, English; in the order of Msg.
const std::array<Text, static_cast<size_t>(Msg::count_)> kTable{{
    {"ALIS-portalen Vest", "ALIS-portalen Vest", "ALIS portal West"},
    {"Sykehustjeneste for allmennleger i spesialisering",
     "Sjukehusteneste for allmennlegar i spesialisering",
     "Hospital service for GPs in specialist training"},
    {"Fastleger i spesialisering i allmennmedisin (ALIS) må ha minst seks måneders sammenhengende tjeneste "
     "i samme sykehusavdeling for å nå læringsmålene ALM-055 og ALM-085.",
     "Fastlegar i spesialisering i allmennmedisin (ALIS) må ha minst seks månader samanhengande teneste "
     "i same sjukehusavdeling for å nå læringsmåla ALM-055 og ALM-085.",
     "GPs in specialist training in general medicine (ALIS) must serve at least six continuous months "
     "in the same hospital department to reach the learning objectives ALM-055 and ALM-085."},
    {"Helseforetakene i Helse Vest publiserer her tid som blir ledig ved planlagte lengre permisjoner. "
     "Fastleger med minst tre års erfaring fra allmennpraksis registrerer ledig tid og ønsker, kommunene "
     "prioriterer sine kandidater, og ALIS-kontor Vest sender én prioritert liste videre til sykehusene.",
     "Helseføretaka i Helse Vest publiserer her tid som blir ledig ved planlagde lengre permisjonar. "
     "Fastlegar med minst tre års erfaring frå allmennpraksis registrerer ledig tid og ønske, kommunane "
     "prioriterer kandidatane sine, og ALIS-kontor Vest sender éi prioritert liste vidare til sjukehusa.",
     "The hospital trusts of Helse Vest publish here the time freed by planned longer leaves. GPs with at "
     "least three years in general practice register their free time and wishes, municipalities rank their "
     "candidates, and the ALIS office West forwards one prioritized list to the hospitals."},
    {"Blir det ikke sammenfall mellom en periode og et ønske innen to måneder, lyses perioden ut som "
     "ordinært vikariat.",
     "Blir det ikkje samanfall mellom ein periode og eit ønske innan to månader, blir perioden lyst ut "
     "som ordinært vikariat.",
     "If no GP's wish matches a period within two months, the period is advertised as an ordinary "
     "substitute post."},
    {"For fastleger", "For fastlegar", "For GPs"},
    {"Registrer profil, ledig tid og ønsker, også uten nett på din egen maskin. Få varsel når en periode passer.",
     "Registrer profil, ledig tid og ønske, også utan nett på di eiga maskin. Få varsel når ein periode passar.",
     "Register your profile, free time and wishes, even offline on your own laptop. Get an alert when a "
     "period fits."},
    {"For helseforetak", "For helseføretak", "For hospital trusts"},
    {"Publiser ledig tid per avdeling, se kandidater i prioritert rekkefølge og gi tilbud.",
     "Publiser ledig tid per avdeling, sjå kandidatar i prioritert rekkjefølgje og gi tilbod.",
     "Publish free time per department, see candidates in priority order and make offers."},
    {"For kommuner", "For kommunar", "For municipalities"},
    {"Hold den prioriterte listen over egne ALIS-kandidater oppdatert.",
     "Hald den prioriterte lista over eigne ALIS-kandidatar oppdatert.",
     "Keep the prioritized list of your own ALIS candidates up to date."},
    {"Logg inn", "Logg inn", "Log in"},
    {"Registrer deg som fastlege", "Registrer deg som fastlege", "Register as a GP"},
    {"Språk", "Språk", "Language"},
    {"Drives av ALIS-kontor Vest (Bergen kommune). Utløpte opplysninger slettes automatisk.",
     "Driven av ALIS-kontor Vest (Bergen kommune). Utgåtte opplysningar blir sletta automatisk.",
     "Run by the ALIS office West (Bergen municipality). Expired information is deleted automatically."},
    {"Denne delen av portalen er under arbeid og kommer i neste versjon.",
     "Denne delen av portalen er under arbeid og kjem i neste versjon.",
     "This part of the portal is being built and comes in the next version."},
    {"Tilbake", "Tilbake", "Back"},
}};

}  // namespace

const char* tr(Language lang, Msg key) { return kTable[static_cast<size_t>(key)].in(lang).c_str(); }

}  // namespace alis::web
