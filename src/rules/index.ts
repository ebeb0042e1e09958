/** The rule registry, in application order: earlier rules claim lines first. */
import type { Rule } from './rule.js';
import { emptyLine } from './normalize/empty-line.js';
import { navSlugs } from './boilerplate/nav-slugs.js';
import { comments } from './widgets/comments.js';
import { endOfFeed } from './widgets/end-of-feed.js';
import { share } from './widgets/share.js';
import { cookie } from './widgets/cookie.js';
import { disclaimer } from './widgets/disclaimer.js';
import { adSlot } from './widgets/ad-slot.js';
import { backToTop } from './widgets/back-to-top.js';
import { login } from './widgets/login.js';
import { copyright } from './footer/copyright.js';
import { legal } from './footer/legal.js';
import { metaLabels } from './boilerplate/meta-labels.js';
import { breadcrumb } from './boilerplate/breadcrumb.js';
import { photoCredit } from './boilerplate/photo-credit.js';
import { gluedLinks } from './boilerplate/glued-links.js';
import { siteTemplate } from './boilerplate/site-template.js';
import { menuRun } from './boilerplate/menu-run.js';
import { inlineTeaser } from './boilerplate/inline-teaser.js';
import { sectionCutoff } from './boilerplate/section-cutoff.js';
import { commentThread } from './widgets/comment-thread.js';
import { exactRepeat } from './repeat/exact.js';
import { nearRepeat } from './repeat/near.js';
import { density } from './content/density.js';
import { mainRegion } from './content/main-region.js';
import { lineModel } from './content/line-model.js';
import { htmlRegions } from './boilerplate/html-regions.js';

export const RULES: readonly Rule[] = [
  emptyLine,
  navSlugs,
  comments,
  endOfFeed,
  share,
  cookie,
  disclaimer,
  adSlot,
  backToTop,
  login,
  copyright,
  legal,
  metaLabels,
  breadcrumb,
  gluedLinks,
  photoCredit,
  siteTemplate,
  menuRun,
  inlineTeaser,
  sectionCutoff,
  commentThread,
  exactRepeat,
  nearRepeat,
  density,
  lineModel,
  mainRegion,
  htmlRegions,
];

export type { Rule, DocContext } from './rule.js';
