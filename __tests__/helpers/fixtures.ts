/** Invented prose for rule tests (long enough to read as article text: class `good`). */

export const EN = [
  'The Harbour Bridge reopened to traffic on Friday morning after six months of repairs that had forced commuters onto a long detour through the eastern suburbs, and the first buses crossed shortly after six o\'clock.',
  'Engineers replaced the worn expansion joints and resurfaced both lanes, and the city council said that the work had come in slightly under its budget of four million pounds despite a wet winter that slowed the crews down.',
  'Local traders on the north side of the river said that footfall had dropped sharply during the closure, and several of them hope that the reopening will bring their regular customers back before the spring season begins.',
  'The council also promised that the new cycle lane on the western side of the bridge would open by the end of the month, once the last of the safety barriers and the new lighting have been installed and tested.',
];

export const DE = [
  'Seit ein paar Wochen geht mein Roggensauerteig deutlich langsamer auf als im Sommer, und ich habe lange gebraucht, bis ich verstanden habe, dass es vor allem an der Temperatur in meiner Küche liegt und nicht am Mehl.',
  'Im Winter sinkt die Raumtemperatur bei uns nachts oft unter siebzehn Grad, und bei dieser Kälte arbeiten die Milchsäurebakterien und die Hefen im Teig nur noch sehr träge, so dass das Brot am Morgen kaum aufgegangen ist.',
  'Ich stelle den Sauerteig deshalb jetzt über Nacht in den Backofen, in dem nur die Lampe eingeschaltet ist, und so bleibt die Temperatur die ganze Nacht über bei ungefähr sechsundzwanzig Grad, was dem Teig sehr gut tut.',
];

export const ZH = [
  '历时一年半的青石镇老街改造工程近日全面完工，沿街二十多栋百年骑楼在修缮后重新对外开放，吸引了大批市民和游客前来参观，老街两侧的商铺也陆续恢复营业，街道上重新热闹了起来。',
  '据介绍，这次改造坚持“修旧如旧”的原则，施工人员对骑楼的立面、廊柱和木质门窗进行了细致修复，同时更新了老街地下的排水管网和电力线路，解决了多年来雨天积水的问题。',
  '镇政府相关负责人表示，下一步将结合老街的历史文化资源，引入非遗手工艺和特色餐饮，把老街打造成为展示本地文化的窗口，让更多年轻人愿意回到老街创业和生活。',
];
