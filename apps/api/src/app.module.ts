import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  AppConfig, CoreApiModule, CoreModule, formatGraphQLError, GraphQLJSONObject, HealthModule, LocalDateScalar, queryLimitsRule,
} from '@app/core';
import { AuditsModule } from '@app/audits';
import { CapacityModule } from '@app/capacity';
import { MatchingModule } from '@app/matching';
import { MeetingsModule } from '@app/meetings';
import { OffersModule } from '@app/offers';
import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { ReportingModule } from '@app/reporting';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { join } from 'node:path';

/** The API shell: wires the domain libs into GraphQL + REST; no business logic here. */
@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        CoreApiModule,
        HealthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            autoSchemaFile: c.graphqlSchemaFile ? join(process.cwd(), c.graphqlSchemaFile) : true,
            sortSchema: true,
            playground: false,
            introspection: c.demoMode,
            plugins: c.demoMode ? [ApolloServerPluginLandingPageLocalDefault({ embed: true })] : [],
            includeStacktraceInErrorResponses: false,
            csrfPrevention: true,
            context: ({ req }: { req: unknown }) => ({ req }),
            formatError: formatGraphQLError,
            validationRules: [queryLimitsRule()],
            resolvers: { LocalDate: LocalDateScalar, JSONObject: GraphQLJSONObject },
          }),
        }),
        ReferenceModule,
        CapacityModule,
        PathwaysModule,
        OffersModule,
        MatchingModule,
        MeetingsModule,
        ReportingModule,
        AuditsModule,
      ],
    };
  }
}
